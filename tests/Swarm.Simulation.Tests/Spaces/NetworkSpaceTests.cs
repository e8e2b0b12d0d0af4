using Swarm.Simulation.Randomness;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class NetworkSpaceTests
{
    [Fact]
    public void AddEdge_Undirected_BothEndsSeeEachOther()
    {
        var net = new NetworkSpace(4, directed: false, agentCapacity: 0);
        Assert.True(net.AddEdge(0, 1));
        Assert.True(net.AddEdge(0, 2));
        Assert.False(net.AddEdge(1, 0));
        Assert.False(net.AddEdge(3, 3));
        Assert.Equal([1, 2], net.Neighbours(0).ToArray());
        Assert.Equal([0], net.Neighbours(1).ToArray());
        Assert.Equal(2, net.EdgeCount);
    }

    [Fact]
    public void AddEdge_Directed_OnlySourceSeesTarget()
    {
        var net = new NetworkSpace(3, directed: true, agentCapacity: 0);
        net.AddEdge(0, 1);
        Assert.True(net.HasEdge(0, 1));
        Assert.False(net.HasEdge(1, 0));
        Assert.Equal(0, net.DegreeOf(1));
    }

    [Fact]
    public void RemoveEdge_KeepsOrderOfOthers()
    {
        var net = new NetworkSpace(5, directed: false, agentCapacity: 0);
        net.AddEdge(0, 1);
        net.AddEdge(0, 2);
        net.AddEdge(0, 3);
        Assert.True(net.RemoveEdge(2, 0));
        Assert.Equal([1, 3], net.Neighbours(0).ToArray());
        Assert.False(net.HasEdge(2, 0));
        Assert.False(net.RemoveEdge(2, 0));
    }

    [Fact]
    public void AddRandomEdges_SameSeed_SameGraphWithExpectedDensity()
    {
        var a = new NetworkSpace(200, false, 0);
        var b = new NetworkSpace(200, false, 0);
        a.AddRandomEdges(0.1, new SimulationRandom(4));
        b.AddRandomEdges(0.1, new SimulationRandom(4));
        for (var n = 0; n < 200; n++)
        {
            Assert.Equal(a.Neighbours(n).ToArray(), b.Neighbours(n).ToArray());
        }

        // 19 900 possible edges at p = 0.1: mean 1990, sd ≈ 42.
        Assert.InRange(a.EdgeCount, 1800, 2180);
    }

    [Fact]
    public void Agents_PlacedOnNodes_AreListedPerNode()
    {
        var net = new NetworkSpace(3, false, agentCapacity: 3);
        net.Agents.Add(0, 2);
        net.Agents.Add(1, 2);
        net.Agents.Move(0, 1);
        Assert.Equal(1, net.Agents.CountAt(2));
        Assert.Equal(1, net.Agents.CountAt(1));
    }
}
