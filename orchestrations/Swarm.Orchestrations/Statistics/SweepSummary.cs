namespace Swarm.Orchestrations.Statistics;

/// <summary>A finished sweep's summary: per design point, every metric across replicates.</summary>
/// <param name="Model">The model swept.</param>
/// <param name="VariedParameters">The parameters the design varies, in display order.</param>
/// <param name="Metrics">The summarised metrics.</param>
/// <param name="MainMetric">The metric charted.</param>
/// <param name="Points">One entry per design point, in point order.</param>
/// <param name="Sampled">The design samples its points (random or Latin hypercube), so every varied parameter changes from point to point and none is a level of another.</param>
public sealed record SweepSummary(
    string Model,
    IReadOnlyList<string> VariedParameters,
    IReadOnlyList<string> Metrics,
    string MainMetric,
    IReadOnlyList<PointSummary> Points,
    bool Sampled = false);
