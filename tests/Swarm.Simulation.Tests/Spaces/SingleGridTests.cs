using Swarm.Simulation.Randomness;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class SingleGridTests
{
    [Fact]
    public void Place_OccupiedCell_Throws()
    {
        var grid = new SingleGrid(new GridTopology(3, 3, false));
        grid.Place(0, 4);
        Assert.Throws<InvalidOperationException>(() => grid.Place(1, 4));
    }

    [Fact]
    public void MoveToRandomEmpty_ManyMoves_KeepsCellsAndEmptyListConsistent()
    {
        var grid = new SingleGrid(new GridTopology(6, 4, false));
        var random = new SimulationRandom(1);
        var cellOf = new int[15];
        for (var a = 0; a < cellOf.Length; a++)
        {
            cellOf[a] = grid.RandomEmptyCell(random);
            grid.Place(a, cellOf[a]);
        }

        for (var i = 0; i < 1000; i++)
        {
            var a = random.NextInt(cellOf.Length);
            var from = cellOf[a];
            cellOf[a] = grid.MoveToRandomEmpty(a, random);
            Assert.Equal(cellOf[a], grid.CellOf(a));
            Assert.NotEqual(from, cellOf[a]);
            Assert.True(grid.IsEmpty(from));
        }

        Assert.Equal(24 - 15, grid.EmptyCount);
        for (var a = 0; a < cellOf.Length; a++)
        {
            Assert.Equal(a, grid.OccupantOf(cellOf[a]));
        }

        Assert.Equal(15, Enumerable.Range(0, 24).Count(c => !grid.IsEmpty(c)));
    }

    [Fact]
    public void MoveToRandomEmpty_FullGrid_StaysPut()
    {
        var grid = new SingleGrid(new GridTopology(2, 1, false));
        grid.Place(0, 0);
        grid.Place(1, 1);
        Assert.Equal(0, grid.MoveToRandomEmpty(0, new SimulationRandom(1)));
        Assert.Equal(-1, grid.RandomEmptyCell(new SimulationRandom(1)));
    }

    [Fact]
    public void Remove_ThenPlace_ReusesCell()
    {
        var grid = new SingleGrid(new GridTopology(2, 2, false));
        grid.Place(7, 3);
        grid.Remove(7);
        Assert.Equal(-1, grid.CellOf(7));
        Assert.True(grid.IsEmpty(3));
        Assert.Equal(4, grid.EmptyCount);
        grid.Place(8, 3);
        Assert.Equal(8, grid.OccupantOf(3));
    }
}
