using Swarm.Simulation.Models.Boltzmann;

namespace Swarm.Simulation.Tests.Models;

public sealed class BoltzmannTests
{
    [Fact]
    public void Run_SmallPreset_ConservesWealthAndNeverGoesNegative()
    {
        var model = new Boltzmann(BoltzmannParameters.Small, new ModelContext(1));
        for (var s = 0; s < 100; s++)
        {
            model.Step();
            Assert.Equal(100, model.Report("totalWealth"));
        }

        Assert.All(Enumerable.Range(0, 100), a => Assert.True(model.People[a].Wealth >= 0));
    }

    [Fact]
    public void Run_LargePreset_GiniRisesTowardsExponentialValue()
    {
        var model = new Boltzmann(BoltzmannParameters.Large, new ModelContext(2));
        Assert.Equal(0.0, model.Report("gini"), 12);
        model.Run(100);
        // The stationary distribution is geometric on {0, 1, …} with mean 1 (p = ½), whose Gini coefficient is 1/(2 − p) = 2/3.
        Assert.InRange(model.Report("gini"), 0.5, 0.75);
        Assert.True(model.Report("maxWealth") > 1);
    }

    [Fact]
    public void Report_Gini_MatchesDirectFormula()
    {
        var model = new Boltzmann(BoltzmannParameters.Small, new ModelContext(3));
        model.Run(30);
        var w = Enumerable.Range(0, 100).Select(a => (double)model.People[a].Wealth).Order().ToArray();
        var n = w.Length;
        var expected = (2 * w.Select((x, i) => (i + 1) * x).Sum() / (n * w.Sum())) - ((n + 1.0) / n);
        Assert.Equal(expected, model.Report("gini"), 12);
    }

    [Fact]
    public void Step_AgentsMoveToAdjacentCellsOnly()
    {
        var model = new Boltzmann(BoltzmannParameters.Small with { Agents = 1, Torus = false }, new ModelContext(4));
        var t = model.Grid.Topology;
        for (var s = 0; s < 50; s++)
        {
            var before = model.Grid.CellOf(0);
            model.Step();
            var after = model.Grid.CellOf(0);
            Assert.Equal(1, Math.Max(Math.Abs(t.XOf(after) - t.XOf(before)), Math.Abs(t.YOf(after) - t.YOf(before))));
        }
    }

    [Fact]
    public void Run_PopulationLargeEnoughToPrefetch_ConservesWealthAndResumesBitIdentically()
    {
        // 40,000 agents: activation takes its prefetching path (from 2^15 agents on).
        var catalog = Simulation.Catalog.ModelCatalog.Default;
        var parameters = new Dictionary<string, object?> { ["agents"] = 40_000L, ["width"] = 200L, ["height"] = 200L };
        var model = catalog.Create("boltzmann", parameters, seed: 8);
        var uninterrupted = catalog.Create("boltzmann", parameters, seed: 8);
        model.Run(2);
        var resumed = catalog.Restore(model.SaveCheckpoint());
        resumed.Run(2);
        uninterrupted.Run(4);

        Assert.Equal(40_000, resumed.Report("totalWealth"));
        Assert.Equal(uninterrupted.StateHash(), resumed.StateHash());
        Assert.True(resumed.Report("gini") > 0.2);
    }
}
