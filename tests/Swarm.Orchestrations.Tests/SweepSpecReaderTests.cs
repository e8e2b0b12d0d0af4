using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests;

public sealed class SweepSpecReaderTests
{
    private readonly SweepSpecReader _reader = new(ModelCatalog.Default);

    [Fact]
    public void Read_SchellingSample_IsAValidGridSweep()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "schelling-sweep.json"));

        var spec = _reader.Read(json, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(spec);
        Assert.Equal("schelling", spec.Model);
        Assert.Equal(15, spec.Design.PointCount);
        Assert.Equal(75, spec.RunCount);
        Assert.Equal("happyFraction", spec.MainMetric);
    }

    public static TheoryData<string> Samples() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "samples"), "*-sweep.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_EverySample_IsValid(string file)
    {
        var spec = _reader.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", file)), out var errors);

        Assert.Empty(errors);
        Assert.StartsWith(spec!.Model, file, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OmittedOptionals_TakeDefaults()
    {
        var spec = _reader.Read("""{"model":"schelling","steps":5,"design":{"type":"list","points":[{"radius":1}]}}""", out var errors);

        Assert.Empty(errors);
        Assert.Equal(1, spec!.Replicates);
        Assert.Equal(0UL, spec.Seed);
        Assert.Equal(ModelCatalog.Default.Get("schelling").Reporters, spec.Metrics);
        Assert.Equal(spec.Metrics[0], spec.MainMetric);
    }

    [Theory]
    [InlineData("""{"model":"termites","steps":5,"design":{"type":"list","points":[{}]}}""", "$.model")]
    [InlineData("""{"model":"schelling","design":{"type":"list","points":[{}]}}""", "$.steps")]
    [InlineData("""{"model":"schelling","steps":5}""", "$.design")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"spiral"}}""", "$.design.type")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"grid","factors":{"radius":[]}}}""", "$.design.factors.radius")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"grid","factors":{"colour":[1]}}}""", "$.design.factors.colour")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"grid","factors":{"radius":[1,0]}}}""", "$.design.factors.radius")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"grid","factors":{"radius":[1,{"x":1}]}}}""", "$.design.factors.radius[1]")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"list","points":[{"radius":1},{"radius":"wide"}]}}""", "$.design.points[1].radius")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"random","samples":3,"ranges":{"radius":{"min":3,"max":1}}}}""", "$.design.ranges.radius")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"random","samples":3,"ranges":{"torus":{"min":0,"max":1}}}}""", "$.design.ranges.torus")]
    [InlineData("""{"model":"schelling","steps":5,"design":{"type":"latinHypercube","ranges":{"radius":{"min":1,"max":2}}}}""", "$.design.samples")]
    [InlineData("""{"model":"schelling","steps":5,"parameters":{"width":-1},"design":{"type":"list","points":[{}]}}""", "$.parameters.width")]
    [InlineData("""{"model":"schelling","steps":5,"replicates":0,"design":{"type":"list","points":[{}]}}""", "$.replicates")]
    [InlineData("""{"model":"schelling","steps":5,"seed":-1,"design":{"type":"list","points":[{}]}}""", "$.seed")]
    [InlineData("""{"model":"schelling","steps":5,"metrics":["wealth"],"design":{"type":"list","points":[{}]}}""", "$.metrics[0]")]
    [InlineData("""{"model":"schelling","steps":5,"mainMetric":"moved","metrics":["happy"],"design":{"type":"list","points":[{}]}}""", "$.mainMetric")]
    [InlineData("""{"model":"schelling","steps":5,"stpes":5,"design":{"type":"list","points":[{}]}}""", "$.stpes")]
    [InlineData("""{"model":"schelling","steps":5,"replicates":1000,"design":{"type":"random","samples":1000000,"ranges":{"radius":{"min":1,"max":2}}}}""", "$.design")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"model": """, "$")]
    public void Read_BadSweep_ReportsTheProblemAtItsJsonPath(string json, string path)
    {
        var spec = _reader.Read(json, out var errors);

        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == path || (path == "$" && e.Path.StartsWith('$')));
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        var spec = _reader.Read("""{"model":"schelling","steps":-5,"replicates":"many","design":{"type":"grid","factors":{"colour":[1],"radius":[0]}}}""", out var errors);

        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == "$.steps");
        Assert.Contains(errors, e => e.Path == "$.replicates");
        Assert.Contains(errors, e => e.Path == "$.design.factors.colour");
    }
}
