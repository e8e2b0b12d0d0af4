namespace Swarm.EdgeHft.Orders;

/// <summary>Connection settings of the OUCH order entry port.</summary>
public sealed record OrderGatewayOptions
{
    /// <summary>Gateway host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gateway TCP port.</summary>
    public int Port { get; init; }

    /// <summary>SoupBinTCP username (at most 6 characters).</summary>
    public string Username { get; init; } = "";

    /// <summary>SoupBinTCP password (at most 10 characters).</summary>
    public string Password { get; init; } = "";

    /// <summary>Session to join; blank = the current session.</summary>
    public string Session { get; init; } = "";

    /// <summary>Sequence number to resume from; 0 = the most recent.</summary>
    public ulong RequestedSequence { get; init; }

    /// <summary>How long connecting and logging in may take.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>SO_BUSY_POLL microseconds for the session socket; 0 = off.</summary>
    public int BusyPollMicroseconds { get; init; }
}
