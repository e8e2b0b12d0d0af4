using Swarm.Simulation.Catalog;
using Swarm.Simulation.Models.Schelling;

namespace Swarm.Simulation.Tests.Models;

public sealed class SchellingTests
{
    [Fact]
    public void Construction_SmallPreset_PlacesEveryAgentOnItsOwnCellInTwoEqualGroups()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(1));
        var cells = Enumerable.Range(0, model.AgentCount).Select(model.Grid.CellOf).ToArray();
        Assert.Equal(1000, cells.Distinct().Count());
        Assert.All(Enumerable.Range(0, 1000), a => Assert.Equal(a, model.Grid.OccupantOf(model.Grid.CellOf(a))));
        Assert.Equal(500, Enumerable.Range(0, 1000).Count(a => model.Residents[a].Group == 1));
        Assert.Equal(600, model.Grid.EmptyCount);
        Assert.Equal(0, model.Report("happy"));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Run_SmallPreset_HappyFractionRises(ulong seed)
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(seed));
        model.Run(20);
        var happy = model.Data.Column("happyFraction");
        Assert.True(happy[20] > happy[1], $"{happy[1]} -> {happy[20]}");
        Assert.True(happy[20] > 0.9, $"final happy fraction {happy[20]}");
        var moved = model.Data.Column("moved");
        Assert.True(moved[20] < moved[1]);
    }

    [Fact]
    public void Run_LargePreset_BecomesMostlyHappy()
    {
        var model = new Schelling(SchellingParameters.Large, new ModelContext(5));
        model.Run(20);
        Assert.True(model.Report("happyFraction") > model.Data.Column("happyFraction")[1]);
    }

    [Fact]
    public void Step_HappyCount_MatchesPerAgentFlagsAndNeighbourRule()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(9));
        model.Run(3);
        Assert.Equal(Enumerable.Range(0, model.AgentCount).Count(a => model.Residents[a].Happy), model.Report("happy"));
        var cells = Enumerable.Range(0, model.AgentCount).Select(model.Grid.CellOf).ToArray();
        Assert.Equal(cells.Length, cells.Distinct().Count());
    }

    [Fact]
    public void Step_MinToBeHappyZero_NobodyMoves()
    {
        var model = new Schelling(SchellingParameters.Small with { MinToBeHappy = 0 }, new ModelContext(2));
        var before = Enumerable.Range(0, model.AgentCount).Select(model.Grid.CellOf).ToArray();
        model.Run(5);
        Assert.Equal(before, Enumerable.Range(0, model.AgentCount).Select(model.Grid.CellOf));
        Assert.Equal(1.0, model.Report("happyFraction"));
    }

    [Fact]
    public void Step_HappyAgent_HasAtLeastMinSameGroupNeighbours()
    {
        // The rule is re-checked against a brute-force neighbour count on the final grid.
        var p = SchellingParameters.Small with { Width = 12, Height = 12, Agents = 100, MinToBeHappy = 2 };
        var model = new Schelling(p, new ModelContext(4));
        model.Run(30);
        var t = model.Grid.Topology;
        var stable = 0;
        for (var a = 0; a < model.AgentCount; a++)
        {
            var x = t.XOf(model.Grid.CellOf(a));
            var y = t.YOf(model.Grid.CellOf(a));
            var same = 0;
            for (var oy = -1; oy <= 1; oy++)
            {
                for (var ox = -1; ox <= 1; ox++)
                {
                    var nx = x + ox;
                    var ny = y + oy;
                    if ((ox | oy) != 0 && nx >= 0 && ny >= 0 && nx < 12 && ny < 12)
                    {
                        var o = model.Grid.OccupantOf(t.CellOf(nx, ny));
                        if (o >= 0 && model.Residents[o].Group == model.Residents[a].Group)
                        {
                            same++;
                        }
                    }
                }
            }

            if (same >= 2)
            {
                stable++;
            }
        }

        // The final configuration is (near) an equilibrium: almost every agent satisfies the rule.
        Assert.True(stable >= 90, $"{stable} of 100 satisfy the rule");
    }

    [Fact]
    public void Constructor_TooManyAgents_ThrowsNamingAgents()
    {
        var error = Assert.Throws<ModelParameterException>(() => new Schelling(SchellingParameters.Small with { Agents = 2000 }, new ModelContext(1)));
        Assert.Contains(error.Errors, e => e.Parameter == "agents");
    }

    [Fact]
    public void Step_Torus_RunsAndKeepsInvariants()
    {
        var model = new Schelling(SchellingParameters.Small with { Torus = true, Width = 5, Height = 5, Agents = 20, Radius = 3 }, new ModelContext(3));
        model.Run(10);
        var cells = Enumerable.Range(0, model.AgentCount).Select(model.Grid.CellOf).ToArray();
        Assert.Equal(20, cells.Distinct().Count());
        Assert.Equal(5, model.Grid.EmptyCount);
    }
}
