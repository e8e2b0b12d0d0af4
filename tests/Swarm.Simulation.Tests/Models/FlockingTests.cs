using Swarm.Simulation.Models.Flocking;

namespace Swarm.Simulation.Tests.Models;

public sealed class FlockingTests
{
    [Fact]
    public void Step_AnyStep_KeepsVelocitiesUnitAndPositionsInsideTorus()
    {
        var model = new Flocking(FlockingParameters.Small, new ModelContext(1));
        for (var s = 0; s < 20; s++)
        {
            model.Step();
            for (var b = 0; b < model.Birds.Count; b++)
            {
                var (vx, vy) = (model.Birds[b].Vx, model.Birds[b].Vy);
                Assert.Equal(1.0, Math.Sqrt((vx * vx) + (vy * vy)), 1e-12);
                Assert.InRange(model.Space.XOf(b), 0.0, Math.BitDecrement(100.0));
                Assert.InRange(model.Space.YOf(b), 0.0, Math.BitDecrement(100.0));
            }
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Run_SmallPreset_AlignmentRisesAsFlocksForm(ulong seed)
    {
        var model = new Flocking(FlockingParameters.Small, new ModelContext(seed));
        model.Run(100);
        var alignment = model.Data.Column("alignment");
        Assert.True(alignment[0] < 0.3, $"initial alignment {alignment[0]}");
        var neighbours = model.Data.Column("meanNeighbours");
        Assert.True(neighbours[100] > neighbours[1], $"{neighbours[1]} -> {neighbours[100]}");
    }

    [Fact]
    public void Step_LoneBird_FliesStraightAtSpeed()
    {
        var p = FlockingParameters.Small with { Birds = 1, Speed = 0.5 };
        var model = new Flocking(p, new ModelContext(3));
        var x0 = model.Space.XOf(0);
        var y0 = model.Space.YOf(0);
        var (vx, vy) = (model.Birds[0].Vx, model.Birds[0].Vy);
        model.Run(4);
        var (dx, dy) = model.Space.Displacement(x0, y0, model.Space.XOf(0), model.Space.YOf(0));
        Assert.Equal(2.0 * vx, dx, 1e-9);
        Assert.Equal(2.0 * vy, dy, 1e-9);
        Assert.Equal(vx, model.Birds[0].Vx, 1e-12);
        Assert.Equal(vy, model.Birds[0].Vy, 1e-12);
    }

    [Fact]
    public void Step_TwoBirdsTooClose_SeparateAndMatchHeading()
    {
        // Only separation acts: two birds closer than the separation distance steer apart.
        var p = FlockingParameters.Small with { Birds = 2, Width = 10, Height = 10, VisualDistance = 4, CohereFactor = 0, MatchFactor = 0, SeparateFactor = 1, Separation = 100, Speed = 0 };
        var model = new Flocking(p, new ModelContext(5));
        var before = model.Space.Distance(model.Space.XOf(0), model.Space.YOf(0), model.Space.XOf(1), model.Space.YOf(1));
        var p2 = p with { Speed = 0.1 };
        var moving = new Flocking(p2, new ModelContext(5));
        moving.Run(3);
        var after = moving.Space.Distance(moving.Space.XOf(0), moving.Space.YOf(0), moving.Space.XOf(1), moving.Space.YOf(1));
        if (before <= 4)
        {
            Assert.True(after > before, $"{before} -> {after}");
        }
    }
}
