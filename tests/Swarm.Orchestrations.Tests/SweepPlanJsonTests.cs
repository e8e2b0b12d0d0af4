using Microsoft.DurableTask.Converters;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests;

/// <summary>A sweep validated at submission reaches every orchestrator and activity as the same typed plan.</summary>
public sealed class SweepPlanJsonTests
{
    private static readonly SweepSpecReader Reader = new(ModelCatalog.Default);

    public static TheoryData<string> Designs() =>
    [
        """{"type":"grid","factors":{"cohereFactor":[0.01,0.05,1],"birds":[10,20]}}""",
        """{"type":"list","points":[{"cohereFactor":0.02,"speed":1},{"speed":2.5}]}""",
        """{"type":"latinHypercube","samples":7,"ranges":{"cohereFactor":{"min":0,"max":0.1},"birds":{"min":10,"max":40}}}""",
        """{"type":"random","samples":5,"ranges":{"speed":{"min":0.5,"max":2}}}""",
    ];

    [Theory]
    [MemberData(nameof(Designs))]
    public void SweepRequest_ThroughTheSdkConverter_KeepsEveryRunExactly(string design)
    {
        var spec = Reader.Read(
            $$"""{"model":"flocking","preset":"small","parameters":{"width":40.0,"height":40,"visualDistance":3},"design":{{design}},"replicates":2,"seed":18446744073709551615,"steps":4}""",
            out var errors);
        Assert.True(spec is not null, string.Join("; ", errors));
        var request = new SweepRequest("plan", spec, BatchSize: 3, ChunkSteps: 2);

        var json = JsonDataConverter.Default.Serialize(request)!;
        var travelled = JsonDataConverter.Default.Deserialize<SweepRequest>(json)!;

        Assert.Equal(request with { Spec = travelled.Spec }, travelled);
        Assert.Equal(spec.Design.GetType(), travelled.Spec.Design.GetType());
        Assert.Equal(spec.RunCount, travelled.Spec.RunCount);
        Assert.Equal(spec.Design.VariedParameters, travelled.Spec.Design.VariedParameters);
        Assert.Equal(spec.Seed, travelled.Spec.Seed);
        Assert.Equal(Describe(spec), Describe(travelled.Spec));
    }

    [Fact]
    public void SweepRequest_Json_CarriesTheDesignKindAndNoDerivedCounts()
    {
        var json = JsonDataConverter.Default.Serialize(new SweepRequest("plan", Workflows.SweepTestData.SmallGrid))!;

        Assert.Contains("\"type\":\"grid\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("RunCount", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("PointCount", json, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every run's parameters as the catalog builds its model from them, with their CLR types.</summary>
    private static string[] Describe(SweepSpec spec) =>
    [
        .. SweepSpecs.Runs(ModelCatalog.Default, "plan", spec, 0, (int)spec.RunCount).Select(run =>
            $"{run.Run}/{run.Point}/{run.Replicate}/{run.Seed}: " + string.Join(", ", ModelCatalog.Default.Get(run.Model).Normalise(run.Parameters).Parameters!
                .Select(p => FormattableString.Invariant($"{p.Key}={p.Value:R}:{p.Value?.GetType().Name}")))),
    ];
}
