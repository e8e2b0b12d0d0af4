using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class GridNeighbourhoodTests
{
    private static int[] Neighbours(GridNeighbourhood hood, int x, int y)
    {
        var buffer = new int[hood.MaxCount];
        var n = hood.Collect(hood.Topology.CellOf(x, y), buffer);
        return [.. buffer.Take(n).Order()];
    }

    [Theory]
    [InlineData(NeighbourhoodKind.Moore, 1, 8)]
    [InlineData(NeighbourhoodKind.Moore, 2, 24)]
    [InlineData(NeighbourhoodKind.VonNeumann, 1, 4)]
    [InlineData(NeighbourhoodKind.VonNeumann, 2, 12)]
    [InlineData(NeighbourhoodKind.Moore, 3, 48)]
    public void Collect_InteriorCell_ReturnsFullNeighbourhood(NeighbourhoodKind kind, int radius, int expected)
    {
        var hood = new GridNeighbourhood(new GridTopology(20, 20, torus: false), kind, radius);
        Assert.Equal(expected, hood.MaxCount);
        Assert.Equal(expected, Neighbours(hood, 10, 10).Length);
    }

    [Theory]
    [InlineData(NeighbourhoodKind.Moore, 1, 0, 0, 3)]
    [InlineData(NeighbourhoodKind.Moore, 1, 9, 0, 3)]
    [InlineData(NeighbourhoodKind.Moore, 1, 5, 0, 5)]
    [InlineData(NeighbourhoodKind.Moore, 2, 0, 0, 8)]
    [InlineData(NeighbourhoodKind.VonNeumann, 1, 0, 0, 2)]
    [InlineData(NeighbourhoodKind.VonNeumann, 1, 0, 5, 3)]
    [InlineData(NeighbourhoodKind.VonNeumann, 2, 9, 9, 5)]
    public void Collect_BoundedEdge_DropsOutsideCells(NeighbourhoodKind kind, int radius, int x, int y, int expected)
    {
        var hood = new GridNeighbourhood(new GridTopology(10, 10, torus: false), kind, radius);
        Assert.Equal(expected, Neighbours(hood, x, y).Length);
    }

    [Fact]
    public void Collect_TorusCorner_WrapsToOppositeEdges()
    {
        var topology = new GridTopology(10, 10, torus: true);
        var hood = new GridNeighbourhood(topology, NeighbourhoodKind.Moore, 1);
        int[] expected = [.. new[] { (9, 9), (0, 9), (1, 9), (9, 0), (1, 0), (9, 1), (0, 1), (1, 1) }.Select(p => topology.CellOf(p.Item1, p.Item2)).Order()];
        Assert.Equal(expected, Neighbours(hood, 0, 0));
    }

    [Fact]
    public void Collect_TorusNarrowerThanNeighbourhood_ReportsEachCellOnceAndNeverCentre()
    {
        // A 3×3 torus with radius 2: every offset wraps onto one of the 8 other cells.
        var topology = new GridTopology(3, 3, torus: true);
        var hood = new GridNeighbourhood(topology, NeighbourhoodKind.Moore, 2);
        var cells = Neighbours(hood, 1, 1);
        Assert.Equal(8, cells.Length);
        Assert.Equal(cells.Length, cells.Distinct().Count());
        Assert.DoesNotContain(topology.CellOf(1, 1), cells);
    }

    [Fact]
    public void Collect_IncludeCentre_ContainsCentre()
    {
        var topology = new GridTopology(5, 5, torus: false);
        var hood = new GridNeighbourhood(topology, NeighbourhoodKind.VonNeumann, 1, includeCentre: true);
        Assert.Contains(topology.CellOf(2, 2), Neighbours(hood, 2, 2));
        Assert.Equal(5, Neighbours(hood, 2, 2).Length);
    }

    [Fact]
    public void Collect_EveryCellOfSmallTorus_MatchesBruteForceChebyshev()
    {
        var topology = new GridTopology(7, 5, torus: true);
        var hood = new GridNeighbourhood(topology, NeighbourhoodKind.Moore, 2);
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                var expected = new SortedSet<int>();
                for (var oy = -2; oy <= 2; oy++)
                {
                    for (var ox = -2; ox <= 2; ox++)
                    {
                        var c = topology.CellOf(((x + ox) % 7 + 7) % 7, ((y + oy) % 5 + 5) % 5);
                        if (c != topology.CellOf(x, y))
                        {
                            expected.Add(c);
                        }
                    }
                }

                Assert.Equal(expected, Neighbours(hood, x, y));
            }
        }
    }
}
