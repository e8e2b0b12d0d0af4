using Swarm.Simulation.Models.WolfSheep;

namespace Swarm.Simulation.Tests.Models;

public sealed class WolfSheepTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Run_SmallPreset_PopulationsStayNonNegativeAndConsistent(ulong seed)
    {
        var model = new WolfSheep(WolfSheepParameters.Small, new ModelContext(seed));
        for (var s = 0; s < 100; s++)
        {
            model.Step();
            Assert.True(model.Sheep.Count >= 0 && model.Wolves.Count >= 0);
            Assert.Equal(model.Sheep.Count, model.Report("sheep"));
            Assert.Equal(model.Wolves.Count, model.Report("wolves"));
        }

        var live = Enumerable.Range(0, model.Sheep.HighWater).Where(model.Sheep.IsAlive).ToArray();
        Assert.Equal(model.Sheep.Count, live.Length);
        // A sheep survives with energy ≥ 1; reproducing may then halve it, so live sheep have at least ½.
        Assert.All(live, s => Assert.True(model.Sheep[s].Energy >= 0.5));
        var wolves = Enumerable.Range(0, model.Wolves.HighWater).Where(model.Wolves.IsAlive).ToArray();
        Assert.All(wolves, w => Assert.True(model.Wolves[w].Energy >= 0));
        var ids = live.Select(model.Sheep.IdOf).Concat(wolves.Select(model.Wolves.IdOf)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Construction_InitialState_MatchesDeclaration()
    {
        var model = new WolfSheep(WolfSheepParameters.Small, new ModelContext(4));
        Assert.Equal(60, model.Sheep.Count);
        Assert.Equal(40, model.Wolves.Count);
        Assert.All(Enumerable.Range(0, 60), s => Assert.InRange(model.Sheep[s].Energy, 1, 10));
        Assert.All(Enumerable.Range(0, 40), w => Assert.InRange(model.Wolves[w].Energy, 1, 26));
        var grass = model.Grass.Values.ToArray();
        Assert.All(grass, c => Assert.InRange(c, 0, 20));
        // About half the cells start fully grown (625 cells: mean 312.5, sd 12.5).
        Assert.InRange(grass.Count(c => c == 0), 250, 375);
    }

    [Fact]
    public void Step_NoAnimals_GrassRegrowsExactlyOnSchedule()
    {
        var model = new WolfSheep(WolfSheepParameters.Small with { InitialSheep = 0, InitialWolves = 0 }, new ModelContext(6));
        var countdown = model.Grass.Values.ToArray();
        for (var step = 1; step <= 20; step++)
        {
            model.Step();
            for (var c = 0; c < countdown.Length; c++)
            {
                // A cell with countdown k is fully grown from the end of step k on, not before.
                Assert.Equal(Math.Max(countdown[c] - step, 0), model.Grass[c]);
            }
        }

        Assert.Equal(625, model.Report("grass"));
    }

    [Fact]
    public void Step_OnlySheepNoGrowth_AllSheepStarveWithinTheirEnergy()
    {
        var p = WolfSheepParameters.Small with { InitialWolves = 0, SheepReproduce = 0, GrassRegrowthTime = 1_000_000 };
        var model = new WolfSheep(p, new ModelContext(7));
        // Each sheep starts with ≤ 10 energy and can eat at most the 625 grown cells once: they die out.
        model.Run(200);
        Assert.Equal(0, model.Sheep.Count);
    }

    [Fact]
    public void Step_OnlyWolves_StarveWithoutPrey()
    {
        var p = WolfSheepParameters.Small with { InitialSheep = 0, WolfReproduce = 0 };
        var model = new WolfSheep(p, new ModelContext(8));
        model.Run(27);
        Assert.Equal(0, model.Wolves.Count);
    }

    [Fact]
    public void Run_LargePreset_SheepEatAndPopulationsChange()
    {
        var model = new WolfSheep(WolfSheepParameters.Large, new ModelContext(9));
        model.Run(100);
        var sheep = model.Data.Column("sheep");
        Assert.NotEqual(sheep[0], sheep[100]);
        Assert.All(model.Data.Column("wolves").ToArray(), w => Assert.True(w >= 0));
    }
}
