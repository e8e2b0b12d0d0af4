namespace Swarm.EdgeHft.Configuration;

/// <summary>Market data input: <c>replay</c> (length-prefixed ITCH file) or <c>udp</c> (MoldUDP64).</summary>
public sealed record FeedConfig
{
    /// <summary><c>replay</c> or <c>udp</c>.</summary>
    public string Mode { get; init; } = "replay";

    /// <summary>The ITCH file for <c>replay</c>.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Local address:port to bind for <c>udp</c>.</summary>
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
}
