using Swarm.Simulation.Randomness;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class ContinuousSpaceTests
{
    [Theory]
    [InlineData(true, 5.0, 5.0)]
    [InlineData(true, 15.0, 10.0)]
    [InlineData(true, 60.0, 10.0)]
    [InlineData(false, 5.0, 5.0)]
    [InlineData(false, 15.0, 7.0)]
    [InlineData(true, 3.0, 0.5)]
    public void Neighbours_RandomAgents_MatchBruteForce(bool torus, double radius, double cellSize)
    {
        const double width = 100;
        const double height = 80;
        const int n = 400;
        var space = new ContinuousSpace(width, height, torus, cellSize, n);
        var random = new SimulationRandom(21);
        var xs = new double[n];
        var ys = new double[n];
        for (var a = 0; a < n; a++)
        {
            xs[a] = random.NextDouble() * width;
            ys[a] = random.NextDouble() * height;
            space.Add(a, xs[a], ys[a]);
        }

        var buffer = new int[n];
        for (var a = 0; a < n; a++)
        {
            var found = buffer.Take(space.Neighbours(a, radius, buffer)).Order().ToArray();
            var expected = Enumerable.Range(0, n)
                .Where(b => b != a && Distance(xs[a], ys[a], xs[b], ys[b], width, height, torus) <= radius)
                .ToArray();
            Assert.Equal(expected, found);
        }
    }

    private static double Distance(double ax, double ay, double bx, double by, double w, double h, bool torus)
    {
        var dx = Math.Abs(ax - bx);
        var dy = Math.Abs(ay - by);
        if (torus)
        {
            dx = Math.Min(dx, w - dx);
            dy = Math.Min(dy, h - dy);
        }

        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    [Fact]
    public void Neighbours_AcrossTorusSeam_FindsWrappedAgent()
    {
        var space = new ContinuousSpace(10, 10, torus: true, cellSize: 1, agentCapacity: 2);
        space.Add(0, 0.2, 5);
        space.Add(1, 9.9, 5);
        var buffer = new int[2];
        Assert.Equal(1, space.Neighbours(0, 0.5, buffer));
        Assert.Equal(1, buffer[0]);
        var (dx, _) = space.Displacement(0.2, 5, 9.9, 5);
        Assert.Equal(-0.3, dx, 1e-12);
    }

    [Fact]
    public void Neighbours_BoundedSpace_DoesNotWrap()
    {
        var space = new ContinuousSpace(10, 10, torus: false, cellSize: 1, agentCapacity: 2);
        space.Add(0, 0.2, 5);
        space.Add(1, 9.9, 5);
        Assert.Equal(0, space.Neighbours(0, 0.5, new int[2]));
    }

    [Theory]
    [InlineData(-0.5, 9.5)]
    [InlineData(10.0, 0.0)]
    [InlineData(25.25, 5.25)]
    [InlineData(-20.0, 0.0)]
    public void Move_OutsideTorus_WrapsIntoExtent(double x, double expected)
    {
        var space = new ContinuousSpace(10, 10, torus: true, cellSize: 2, agentCapacity: 1);
        space.Add(0, 1, 1);
        space.Move(0, x, 1);
        Assert.Equal(expected, space.XOf(0), 1e-12);
    }

    [Fact]
    public void Move_OutsideBoundedSpace_Throws()
    {
        var space = new ContinuousSpace(10, 10, torus: false, cellSize: 2, agentCapacity: 1);
        space.Add(0, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Move(0, 10.5, 1));
    }

    [Fact]
    public void Neighbours_BufferTooSmall_Throws()
    {
        var space = new ContinuousSpace(10, 10, torus: true, cellSize: 2, agentCapacity: 3);
        space.Add(0, 1, 1);
        space.Add(1, 1.1, 1);
        space.Add(2, 1.2, 1);
        Assert.Throws<ArgumentException>(() => space.Neighbours(0, 1, new int[1]));
    }
}
