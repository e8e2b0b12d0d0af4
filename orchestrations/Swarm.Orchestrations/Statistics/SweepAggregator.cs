namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// Folds run results into per-point statistics as they stream past; memory is one accumulator per
/// (point, metric), never the runs themselves.
/// </summary>
public sealed class SweepAggregator
{
    private readonly IReadOnlyList<string> _metrics;
    private readonly RunningStatistics[,] _statistics;

    /// <summary>Creates an aggregator for <paramref name="pointCount"/> points and <paramref name="metrics"/>.</summary>
    public SweepAggregator(int pointCount, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _statistics = new RunningStatistics[pointCount, metrics.Count];
    }

    /// <summary>Adds one run's final metric values (in the order of the metrics given at construction).</summary>
    public void Add(int point, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != _metrics.Count)
        {
            throw new ArgumentException($"Expected {_metrics.Count} metric values, got {values.Count}.", nameof(values));
        }

        for (var m = 0; m < values.Count; m++)
        {
            _statistics[point, m].Add(values[m]);
        }
    }

    /// <summary>The summary of point <paramref name="point"/>, labelled with its varied <paramref name="parameters"/>.</summary>
    public PointSummary Summarise(int point, IReadOnlyDictionary<string, object?> parameters) =>
        new(point, parameters, [.. _metrics.Select((name, m) => MetricSummary.From(name, _statistics[point, m]))]);
}
