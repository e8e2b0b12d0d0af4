namespace Swarm.EdgeHft.Configuration;

/// <summary>Market data input: <c>replay</c> (length-prefixed ITCH file), <c>udp</c> (MoldUDP64 on a socket) or <c>xdp</c> (MoldUDP64 through AF_XDP).</summary>
public sealed record FeedConfig
{
    /// <summary><c>replay</c>, <c>udp</c> or <c>xdp</c>.</summary>
    public string Mode { get; init; } = "replay";

    /// <summary>The ITCH file for <c>replay</c>.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Local address:port to bind for <c>udp</c> and <c>xdp</c> (the port is what the XDP program redirects).</summary>
    public string Bind { get; init; } = "0.0.0.0:26477";

    /// <summary>Multicast group to join (null = unicast).</summary>
    public string? MulticastGroup { get; init; }

    /// <summary>Local interface address for the join.</summary>
    public string? MulticastInterface { get; init; }

    /// <summary>MoldUDP64 re-request server host:port (null = skip gaps).</summary>
    public string? RerequestServer { get; init; }

    /// <summary>MoldUDP64 session to follow (null = first seen).</summary>
    public string? Session { get; init; }

    /// <summary>SO_BUSY_POLL microseconds (0 = off).</summary>
    public int BusyPollMicroseconds { get; init; }

    /// <summary>Spin instead of blocking (dedicate the core).</summary>
    public bool Spin { get; init; }

    /// <summary>SO_RCVBUF.</summary>
    public int ReceiveBufferBytes { get; init; } = 16 << 20;

    /// <summary>Gap recovery timeout.</summary>
    public int RecoveryTimeoutMilliseconds { get; init; } = 1_000;

    /// <summary>The interface for <c>xdp</c>.</summary>
    public string? XdpInterface { get; init; }

    /// <summary>The receive queue for <c>xdp</c>.</summary>
    public int XdpQueue { get; init; }

    /// <summary><c>auto</c>, <c>native</c> or <c>generic</c>.</summary>
    public string XdpMode { get; init; } = "auto";

    /// <summary>Try zero-copy when the driver supports it.</summary>
    public bool XdpZeroCopy { get; init; } = true;

    /// <summary>UMEM frames (a power of two).</summary>
    public int XdpFrames { get; init; } = 4096;

    /// <summary>Back the UMEM with 2 MB hugepages when reserved.</summary>
    public bool XdpHugePages { get; init; }
}
