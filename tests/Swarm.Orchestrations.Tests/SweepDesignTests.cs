using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Tests;

public sealed class SweepDesignTests
{
    [Fact]
    public void Grid_TwoFactors_IsTheCartesianProductWithTheLastFactorFastest()
    {
        var grid = new GridDesign([new SweepFactor("a", [1L, 2L]), new SweepFactor("b", ["x", "y", "z"])]);

        var points = grid.Points(seed: 0);

        Assert.Equal(6, grid.PointCount);
        Assert.Equal(
            ["1x", "1y", "1z", "2x", "2y", "2z"],
            points.Select(p => $"{p["a"]}{p["b"]}").ToArray());
    }

    [Fact]
    public void Grid_PointsRange_MatchesTheSameSliceOfAllPoints()
    {
        var grid = new GridDesign([new SweepFactor("a", [1L, 2L, 3L]), new SweepFactor("b", [10L, 20L])]);

        var slice = grid.Points(0, start: 2, count: 3);

        Assert.Equal(grid.Points(0).Skip(2).Take(3).Select(p => (p["a"], p["b"])), slice.Select(p => (p["a"], p["b"])));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(100)]
    public void LatinHypercube_EveryRange_HasExactlyOnePointPerStratum(int samples)
    {
        var design = new SampledDesign(SamplingMethod.LatinHypercube, [new ParameterRange("p", 0, 1, false), new ParameterRange("q", -5, 5, false)], samples);

        var units = design.UnitSample(seed: 11);

        foreach (var dimension in units)
        {
            var strata = dimension.Select(u => (int)Math.Floor(u * samples)).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, samples), strata);
        }
    }

    [Fact]
    public void Sampled_SameSeed_GivesTheSamePointsAndAnotherSeedDoesNot()
    {
        var design = new SampledDesign(SamplingMethod.Random, [new ParameterRange("density", 0.1, 0.9, false)], 20);

        var first = design.Points(7).Select(p => (double)p["density"]!).ToArray();
        var again = design.Points(7).Select(p => (double)p["density"]!).ToArray();
        var other = design.Points(8).Select(p => (double)p["density"]!).ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, d => Assert.InRange(d, 0.1, 0.9));
    }

    [Fact]
    public void IntegerRange_Samples_CoverEveryWholeValueInclusive()
    {
        var design = new SampledDesign(SamplingMethod.LatinHypercube, [new ParameterRange("radius", 1, 3, true)], 300);

        var values = design.Points(3).Select(p => (long)p["radius"]!).ToArray();

        Assert.Equal([1L, 2L, 3L], values.Distinct().Order());
        Assert.All([1L, 2L, 3L], v => Assert.Equal(100, values.Count(x => x == v)));
    }
}
