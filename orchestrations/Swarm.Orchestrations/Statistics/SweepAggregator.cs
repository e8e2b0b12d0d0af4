using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// Folds run results into per-point statistics as they stream past; memory is one accumulator per
/// (point, metric), never the runs themselves.
/// </summary>
public sealed class SweepAggregator
{
    private readonly IReadOnlyList<string> _metrics;
    private readonly MetricDomain[] _domains;
    private readonly RunningStatistics[,] _statistics;

    /// <summary>Creates an aggregator for <paramref name="pointCount"/> points and the <paramref name="metrics"/> of <paramref name="model"/>, whose domains bound their intervals.</summary>
    public SweepAggregator(int pointCount, IReadOnlyList<string> metrics, ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(model);
        _metrics = metrics;
        _domains = [.. metrics.Select(model.DomainOf)];
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
        new(point, parameters, [.. _metrics.Select((name, m) => MetricSummary.From(name, _domains[m], _statistics[point, m]))]);
}
