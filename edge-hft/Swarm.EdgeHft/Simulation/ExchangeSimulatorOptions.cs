namespace Swarm.EdgeHft.Simulation;

/// <summary>How the exchange simulator behaves.</summary>
public sealed record ExchangeSimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Accepted username; null accepts any.</summary>
    public string? Username { get; init; }

    /// <summary>Accepted password; null accepts any.</summary>
    public string? Password { get; init; }

    /// <summary>The session name given at login.</summary>
    public string Session { get; init; } = "SIM0000001";

    /// <summary>Fraction of each entered order filled at once at its limit price (0 = acknowledge only, 1 = fill fully).</summary>
    public double FillRatio { get; init; } = 1.0;
}
