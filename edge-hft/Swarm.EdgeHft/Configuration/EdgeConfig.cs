namespace Swarm.EdgeHft.Configuration;

/// <summary>The service configuration, read from a JSON file (camelCase) and overridden by command-line options.</summary>
public sealed record EdgeConfig
{
    /// <summary>Market data input.</summary>
    public FeedConfig Feed { get; init; } = new();

    /// <summary>Order entry output.</summary>
    public GatewayConfig Gateway { get; init; } = new();

    /// <summary>Pre-trade risk.</summary>
    public RiskConfig Risk { get; init; } = new();

    /// <summary>The strategy hook.</summary>
    public StrategyConfig Strategy { get; init; } = new();

    /// <summary>Host tuning.</summary>
    public HostConfig Host { get; init; } = new();

    /// <summary>Metrics endpoint and reports.</summary>
    public MetricsConfig Metrics { get; init; } = new();
}
