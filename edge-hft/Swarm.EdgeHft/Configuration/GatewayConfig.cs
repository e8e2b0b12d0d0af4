namespace Swarm.EdgeHft.Configuration;

/// <summary>Order entry: <c>none</c> (dry run, orders counted only), <c>ouch</c> (SoupBinTCP gateway) or <c>simulator</c> (in-process exchange simulator).</summary>
public sealed record GatewayConfig
{
    /// <summary><c>none</c>, <c>ouch</c> or <c>simulator</c>.</summary>
    public string Mode { get; init; } = "none";

    /// <summary>Gateway host.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gateway port.</summary>
    public int Port { get; init; }

    /// <summary>SoupBinTCP username.</summary>
    public string Username { get; init; } = "";

    /// <summary>SoupBinTCP password (prefer the EDGE_GATEWAY_PASSWORD environment variable).</summary>
    public string Password { get; init; } = "";

    /// <summary>Session to join (blank = current).</summary>
    public string Session { get; init; } = "";

    /// <summary>OUCH firm / MPID.</summary>
    public string Firm { get; init; } = "";

    /// <summary>SO_BUSY_POLL microseconds on the session socket.</summary>
    public int BusyPollMicroseconds { get; init; }

    /// <summary>Connect + login timeout.</summary>
    public int LoginTimeoutMilliseconds { get; init; } = 5_000;
}
