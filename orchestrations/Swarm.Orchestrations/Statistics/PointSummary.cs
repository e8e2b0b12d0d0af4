namespace Swarm.Orchestrations.Statistics;

/// <summary>The summary of one design point: its varied parameter values and one <see cref="MetricSummary"/> per metric.</summary>
public sealed record PointSummary(int Point, IReadOnlyDictionary<string, object?> Parameters, IReadOnlyList<MetricSummary> Metrics);
