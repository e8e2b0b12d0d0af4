namespace Swarm.EdgeHft.Hosting;

/// <summary>Where and how to receive the MoldUDP64 feed.</summary>
public sealed record UdpFeedOptions
{
    /// <summary>Local address to bind (0.0.0.0 for multicast).</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>UDP port of the feed.</summary>
    public int Port { get; init; }

    /// <summary>Multicast group to join; null for unicast.</summary>
    public string? MulticastGroup { get; init; }

    /// <summary>Local interface address for the multicast join; null = the default.</summary>
    public string? MulticastInterface { get; init; }

    /// <summary>Re-request server as host:port; null = no re-transmission requests (gaps are skipped and counted).</summary>
    public string? RerequestServer { get; init; }

    /// <summary>MoldUDP64 session to follow; null = the first seen.</summary>
    public string? Session { get; init; }

    /// <summary>SO_RCVBUF bytes.</summary>
    public int ReceiveBufferBytes { get; init; } = 16 << 20;

    /// <summary>Largest datagram expected (each of the 32 receive buffers has this size); longer ones are dropped.</summary>
    public int MaxDatagramBytes { get; init; } = 9_216;

    /// <summary>SO_BUSY_POLL microseconds; 0 = off.</summary>
    public int BusyPollMicroseconds { get; init; }

    /// <summary>Spin on a non-blocking poll instead of sleeping in the kernel (burns the core; lowest latency).</summary>
    public bool Spin { get; init; }

    /// <summary>How long to wait for a re-transmission before a gap is abandoned.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
