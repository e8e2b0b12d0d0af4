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

    [Theory]
    [InlineData(true, 0.3)]
    [InlineData(true, 4.0)]
    [InlineData(false, 0.3)]
    [InlineData(true, 30.0)]
    public void Neighbours_AfterMovesWithoutRebuild_MatchBruteForce(bool torus, double step)
    {
        // Agents drift (and cross the torus seam) between rebuilds; queries must still see current positions.
        const double width = 50;
        const double height = 40;
        const int n = 200;
        var space = new ContinuousSpace(width, height, torus, cellSize: 5, agentCapacity: n);
        var random = new SimulationRandom(31);
        var xs = new double[n];
        var ys = new double[n];
        for (var a = 0; a < n; a++)
        {
            xs[a] = random.NextDouble() * width;
            ys[a] = random.NextDouble() * height;
            space.Add(a, xs[a], ys[a]);
        }

        space.Rebuild();
        var buffer = new int[n];
        for (var round = 0; round < 20; round++)
        {
            for (var a = 0; a < n; a++)
            {
                var nx = xs[a] + ((random.NextDouble() * 2) - 1) * step;
                var ny = ys[a] + ((random.NextDouble() * 2) - 1) * step;
                if (!torus)
                {
                    nx = Math.Clamp(nx, 0, width);
                    ny = Math.Clamp(ny, 0, height);
                }

                space.Move(a, nx, ny);
                xs[a] = space.XOf(a);
                ys[a] = space.YOf(a);
            }

            var probe = random.NextInt(n);
            var found = buffer.Take(space.Neighbours(probe, 6, buffer)).Order().ToArray();
            var expected = Enumerable.Range(0, n)
                .Where(b => b != probe && Distance(xs[probe], ys[probe], xs[b], ys[b], width, height, torus) <= 6)
                .ToArray();
            Assert.Equal(expected, found);
        }
    }

    [Theory]
    [InlineData(true, 7.0)]
    [InlineData(false, 7.0)]
    [InlineData(true, 45.0)]
    public void Collect_AnyQuery_SameAgentsAndOrderAsVisit(bool torus, double radius)
    {
        var space = new ContinuousSpace(60, 50, torus, cellSize: 4, agentCapacity: 300);
        var random = new SimulationRandom(8);
        for (var a = 0; a < 300; a++)
        {
            space.Add(a, random.NextDouble() * 60, random.NextDouble() * 50);
        }

        var buffer = new NeighbourBuffer(0);
        var slots = new int[300];
        for (var a = 0; a < 300; a += 7)
        {
            var n = space.Collect(space.XOf(a), space.YOf(a), radius, a, buffer);
            var m = space.Neighbours(a, radius, slots);
            Assert.Equal(slots.Take(m), buffer.Slots.Take(n));
            for (var i = 0; i < n; i++)
            {
                var (dx, dy) = space.Displacement(space.XOf(a), space.YOf(a), space.XOf(buffer.Slots[i]), space.YOf(buffer.Slots[i]));
                Assert.Equal(dx, buffer.Dx[i], 9);
                Assert.Equal(dy, buffer.Dy[i], 9);
                Assert.True(buffer.DistanceSquared[i] <= radius * radius);
            }
        }
    }

    [Fact]
    public void Remove_ThenQuery_NoLongerFound()
    {
        var space = new ContinuousSpace(10, 10, torus: true, cellSize: 2, agentCapacity: 3);
        space.Add(0, 1, 1);
        space.Add(1, 1.5, 1);
        space.Add(2, 2, 1);
        Assert.Equal(2, space.Neighbours(0, 2, new int[3]));
        space.Remove(1);
        var buffer = new int[3];
        Assert.Equal(1, space.Neighbours(0, 2, buffer));
        Assert.Equal(2, buffer[0]);
        Assert.Equal(2, space.Count);
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
