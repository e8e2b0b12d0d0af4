using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class MultiGridTests
{
    [Fact]
    public void PlaceMoveRemove_SeveralAgentsPerCell_CountsAndMembersTrack()
    {
        var grid = new MultiGrid(new GridTopology(4, 4, true), agentCapacity: 2);
        for (var a = 0; a < 5; a++)
        {
            grid.Place(a, 3);
        }

        Assert.Equal(5, grid.CountAt(3));
        grid.Move(2, 7);
        grid.Remove(4);
        Assert.Equal(3, grid.CountAt(3));
        Assert.Equal(1, grid.CountAt(7));
        Assert.Equal(7, grid.CellOf(2));
        Assert.Equal(-1, grid.CellOf(4));
        var members = new int[5];
        var n = grid.Cells.CopyAgentsAt(3, members);
        Assert.Equal([0, 1, 3], members.Take(n).Order());
    }

    [Fact]
    public void Place_AlreadyPlaced_Throws()
    {
        var grid = new MultiGrid(new GridTopology(2, 2, false), agentCapacity: 2);
        grid.Place(0, 0);
        Assert.Throws<InvalidOperationException>(() => grid.Place(0, 1));
    }
}
