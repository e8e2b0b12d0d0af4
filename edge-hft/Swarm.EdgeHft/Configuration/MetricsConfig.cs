namespace Swarm.EdgeHft.Configuration;

/// <summary>Metrics endpoint and the shutdown report.</summary>
public sealed record MetricsConfig
{
    /// <summary>address:port of the HTTP endpoint; empty = off.</summary>
    public string Listen { get; init; } = "127.0.0.1:9464";

    /// <summary>File the final metrics (Prometheus text) are written to at shutdown; null = none.</summary>
    public string? ReportFile { get; init; }
}
