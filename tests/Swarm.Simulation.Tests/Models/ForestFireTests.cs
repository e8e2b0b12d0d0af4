using Swarm.Simulation.Models.ForestFire;

namespace Swarm.Simulation.Tests.Models;

public sealed class ForestFireTests
{
    [Fact]
    public void Construction_LeftColumn_IsBurningAndDensityRoughlyHolds()
    {
        var model = new ForestFire(ForestFireParameters.Small, new ModelContext(1));
        for (var y = 0; y < 100; y++)
        {
            Assert.Equal(Tree.Burning, model.Forest[0, y]);
        }

        var green = model.Report("green");
        Assert.InRange(green / (99.0 * 100), 0.67, 0.73);
        Assert.Equal(100, model.Report("burning"));
    }

    [Fact]
    public void Step_Counts_AddUpAndMatchGrid()
    {
        var model = new ForestFire(ForestFireParameters.Small, new ModelContext(2));
        var trees = model.Report("green") + model.Report("burning");
        for (var s = 0; s < 50; s++)
        {
            model.Step();
            var cells = model.Forest.Values.ToArray();
            Assert.Equal(cells.Count(c => c == Tree.Green), model.Report("green"));
            Assert.Equal(cells.Count(c => c == Tree.Burning), model.Report("burning"));
            Assert.Equal(cells.Count(c => c == Tree.Burnt), model.Report("burnt"));
            Assert.Equal(trees, model.Report("green") + model.Report("burning") + model.Report("burnt"));
        }
    }

    [Fact]
    public void Step_FireSpreadsOnlyToVonNeumannNeighbours()
    {
        // A diagonal line of trees does not carry the fire under the von Neumann rule.
        var model = new ForestFire(ForestFireParameters.Small with { Width = 5, Height = 5, Density = 0 }, new ModelContext(3));
        model.Step();
        model.Step();
        Assert.Equal(0, model.Report("burning"));
        Assert.Equal(5, model.Report("burnt"));
    }

    [Fact]
    public void Run_FullDensity_FireAdvancesOneColumnPerStep()
    {
        var model = new ForestFire(ForestFireParameters.Small with { Width = 30, Height = 10, Density = 1 }, new ModelContext(4));
        for (var s = 1; s <= 10; s++)
        {
            model.Step();
            for (var y = 0; y < 10; y++)
            {
                Assert.Equal(Tree.Burning, model.Forest[s, y]);
                Assert.Equal(Tree.Burnt, model.Forest[s - 1, y]);
                Assert.Equal(Tree.Green, model.Forest[s + 1, y]);
            }
        }
    }

    [Fact]
    public void Run_DensityAbovePercolation_BurnsMoreThanBelow()
    {
        var dense = new ForestFire(ForestFireParameters.Small with { Density = 0.75 }, new ModelContext(5));
        var sparse = new ForestFire(ForestFireParameters.Small with { Density = 0.45 }, new ModelContext(5));
        dense.Run(100);
        sparse.Run(100);
        Assert.True(dense.Report("burntFraction") > 0.5, $"dense {dense.Report("burntFraction")}");
        Assert.True(sparse.Report("burntFraction") < 0.2, $"sparse {sparse.Report("burntFraction")}");
    }
}
