using Swarm.Orchestrations.Statistics;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests.Workflows;

internal static class SweepTestData
{
    /// <summary>A 2×2 grid × 3 replicates of a small Schelling: 12 runs.</summary>
    public const string SmallGridJson = """
        {
          "model": "schelling",
          "parameters": { "width": 16, "height": 16, "agents": 150 },
          "design": { "type": "grid", "factors": { "minToBeHappy": [2, 4], "radius": [1, 2] } },
          "replicates": 3,
          "seed": 9,
          "steps": 8,
          "metrics": ["happyFraction", "moved"]
        }
        """;

    /// <summary><see cref="SmallGridJson"/> as the workflows receive it.</summary>
    public static SweepSpec SmallGrid => Read(SmallGridJson);

    /// <summary>A sweep document validated as a submission would be.</summary>
    public static SweepSpec Read(string json) =>
        new SweepSpecReader(ModelCatalog.Default).Read(json, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));

    /// <summary>The summary of sweep <paramref name="json"/> computed by running every run in this process, without the workflows.</summary>
    public static SweepSummary SummariseDirectly(string json)
    {
        var spec = Read(json);
        var aggregator = new SweepAggregator(spec.Design.PointCount, spec.Metrics, ModelCatalog.Default.Get(spec.Model));
        foreach (var run in SweepSpecs.Runs(ModelCatalog.Default, "direct", spec, 0, (int)spec.RunCount))
        {
            var model = ModelCatalog.Default.Create(run.Model, run.Parameters, run.Seed, (ulong)run.Replicate);
            model.RunUntil(run.Steps);
            aggregator.Add(run.Point, [.. spec.Metrics.Select(model.Report)]);
        }

        var points = spec.Design.Points(spec.Seed);
        return new SweepSummary(spec.Model, spec.Design.VariedParameters, spec.Metrics, spec.MainMetric,
            [.. points.Select((p, i) => aggregator.Summarise(i, p))], spec.Design is SampledDesign);
    }
}
