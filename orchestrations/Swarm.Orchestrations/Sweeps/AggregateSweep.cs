using System.Text;
using Microsoft.DurableTask;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Statistics;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Streams a sweep's result rows into per-point statistics and writes the summary (JSON, CSV) and the
/// chart (SVG) to the sweep's results container.
/// </summary>
/// <remarks>Memory is one accumulator per (point, metric): rows are folded as they are read, never collected.</remarks>
public sealed class AggregateSweep(ModelCatalog catalog, StateStore store) : TaskActivity<SweepRequest, SweepOutcome>
{
    /// <summary>Summary file names inside the results container.</summary>
    public const string SummaryJson = "summary.json";

    /// <inheritdoc cref="SummaryJson"/>
    public const string SummaryCsv = "summary.csv";

    /// <inheritdoc cref="SummaryJson"/>
    public const string Chart = "chart.svg";

    /// <inheritdoc />
    public override async Task<SweepOutcome> RunAsync(TaskActivityContext context, SweepRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var spec = input.Spec;
        var summary = await SummariseAsync(store, catalog, input.SweepId, spec, cancellationToken).ConfigureAwait(false);

        var container = StateLayout.ResultsContainer(input.SweepId);
        await store.Blobs.CreateContainerAsync(container, cancellationToken).ConfigureAwait(false);
        await store.Blobs.PutAsync(container, SummaryJson, Encoding.UTF8.GetBytes(SummaryFiles.ToJson(summary)), cancellationToken).ConfigureAwait(false);
        await store.Blobs.PutAsync(container, SummaryCsv, Encoding.UTF8.GetBytes(SummaryFiles.ToCsv(summary)), cancellationToken).ConfigureAwait(false);
        await store.Blobs.PutAsync(container, Chart, Encoding.UTF8.GetBytes(SweepChart.ToSvg(summary)), cancellationToken).ConfigureAwait(false);
        return new SweepOutcome(input.SweepId, spec.Model, spec.RunCount, spec.Design.PointCount, container, SummaryJson, SummaryCsv, Chart, 0);
    }

    /// <summary>Folds the stored result rows of <paramref name="sweepId"/> into its summary.</summary>
    /// <exception cref="InvalidOperationException">Some runs have no result row: the sweep is not finished.</exception>
    public static async Task<SweepSummary> SummariseAsync(StateStore store, ModelCatalog catalog, string sweepId, SweepSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(spec);
        var aggregator = new SweepAggregator(spec.Design.PointCount, spec.Metrics, catalog.Get(spec.Model));
        long rows = 0;
        await foreach (var record in store.Records.QueryAsync(StateLayout.SweepResults, sweepId, cancellationToken).ConfigureAwait(false))
        {
            aggregator.Add((int)record.GetInt64("point")!.Value, SweepRunRecord.Metrics(record, spec.Metrics));
            rows++;
        }

        if (rows != spec.RunCount)
        {
            throw new InvalidOperationException($"Sweep '{sweepId}' has {rows} of {spec.RunCount} run results; it is not finished.");
        }

        var points = spec.Design.Points(spec.Seed);
        return new SweepSummary(spec.Model, spec.Design.VariedParameters, spec.Metrics, spec.MainMetric,
            [.. points.Select((p, i) => aggregator.Summarise(i, p))], spec.Design is SampledDesign);
    }
}
