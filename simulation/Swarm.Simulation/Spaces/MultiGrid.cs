using Swarm.Simulation.Agents;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Spaces;

/// <summary>A grid where any number of agents can share a cell.</summary>
/// <remarks>
/// Backed by <see cref="LocationLists"/>: O(1) moves, no allocation per move once the per-agent records have grown
/// to the population. Built over an <see cref="AgentSet"/>, the grid drops an agent the set removes.
/// </remarks>
public sealed class MultiGrid : ICheckpointed, IAgentIndex
{
    private readonly LocationLists _lists;

    /// <summary>Creates an empty grid for the agents of <paramref name="agents"/> (or for slots a model manages itself when null).</summary>
    public MultiGrid(GridTopology topology, AgentSet? agents = null, int agentCapacity = 16)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        _lists = new LocationLists(topology.CellCount, Math.Max(agentCapacity, agents?.HighWater ?? 0));
        agents?.Attach(this);
    }

    /// <summary>The grid's shape.</summary>
    public GridTopology Topology { get; }

    /// <summary>The per-cell agent lists.</summary>
    public LocationLists Cells => _lists;

    /// <summary>Places <paramref name="slot"/> on <paramref name="cell"/>.</summary>
    public void Place(int slot, int cell)
    {
        _lists.EnsureAgentCapacity(slot + 1);
        _lists.Add(slot, cell);
    }

    /// <summary>Removes <paramref name="slot"/> from the grid.</summary>
    public void Remove(int slot) => _lists.Remove(slot);

    /// <summary>Moves <paramref name="slot"/> to <paramref name="cell"/>.</summary>
    public void Move(int slot, int cell) => _lists.Move(slot, cell);

    /// <summary>Moves <paramref name="slot"/> to a uniformly random adjacent cell (<see cref="GridTopology.RandomNeighbourCell"/>); returns it.</summary>
    public int MoveToRandomNeighbour(int slot, SimulationRandom random)
    {
        var cell = Topology.RandomNeighbourCell(_lists.LocationOf(slot), random);
        _lists.Move(slot, cell);
        return cell;
    }

    /// <summary>The cell of <paramref name="slot"/>, or -1.</summary>
    public int CellOf(int slot) => _lists.LocationOf(slot);

    /// <summary>Agents on <paramref name="cell"/>.</summary>
    public int CountAt(int cell) => _lists.CountAt(cell);

    /// <summary>A uniformly chosen agent on <paramref name="cell"/>, or -1 when it is empty.</summary>
    public int RandomAt(int cell, SimulationRandom random) => RandomOtherAt(cell, -1, random);

    /// <summary>A uniformly chosen agent on <paramref name="cell"/> other than <paramref name="exclude"/>, or -1 when there is none.</summary>
    public int RandomOtherAt(int cell, int exclude, SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var others = _lists.CountAt(cell) - (exclude >= 0 && _lists.LocationOf(exclude) == cell ? 1 : 0);
        if (others <= 0)
        {
            return -1;
        }

        // The k-th agent of the cell's list, not counting the excluded one.
        var k = random.NextInt(others);
        var agent = _lists.FirstAt(cell);
        while (true)
        {
            if (agent != exclude)
            {
                if (k == 0)
                {
                    return agent;
                }

                k--;
            }

            agent = _lists.NextOf(agent);
        }
    }

    void IAgentIndex.OnRemoved(int slot)
    {
        if (_lists.LocationOf(slot) >= 0)
        {
            _lists.Remove(slot);
        }
    }

    void IAgentIndex.OnActivation()
    {
    }

    void IAgentIndex.PrefetchAgent(int slot) => _lists.PrefetchAgent(slot);

    void IAgentIndex.PrefetchAround(int slot)
    {
        _lists.PrefetchListNeighbours(slot);
        var at = _lists.LocationOf(slot);
        var width = Topology.Width;
        _lists.PrefetchLocation(at - width);
        _lists.PrefetchLocation(at);
        _lists.PrefetchLocation(at + width);
    }

    /// <summary>Writes the grid to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer) => _lists.WriteTo(writer);

    /// <summary>Restores the grid from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader) => _lists.ReadFrom(reader);
}
