using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>A grid where any number of agents can share a cell.</summary>
/// <remarks>Backed by <see cref="LocationLists"/>: O(1) moves, no allocation per move.</remarks>
public sealed class MultiGrid
{
    private readonly LocationLists _lists;

    /// <summary>Creates an empty grid with room for <paramref name="agentCapacity"/> agent slots.</summary>
    public MultiGrid(GridTopology topology, int agentCapacity)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        _lists = new LocationLists(topology.CellCount, agentCapacity);
    }

    /// <summary>The grid's shape.</summary>
    public GridTopology Topology { get; }

    /// <summary>The per-cell agent lists.</summary>
    public LocationLists Cells => _lists;

    /// <summary>Grows per-agent storage (call when the population's capacity grows).</summary>
    public void EnsureAgentCapacity(int capacity) => _lists.EnsureAgentCapacity(capacity);

    /// <summary>Places <paramref name="slot"/> on <paramref name="cell"/>.</summary>
    public void Place(int slot, int cell) => _lists.Add(slot, cell);

    /// <summary>Removes <paramref name="slot"/> from the grid.</summary>
    public void Remove(int slot) => _lists.Remove(slot);

    /// <summary>Moves <paramref name="slot"/> to <paramref name="cell"/>.</summary>
    public void Move(int slot, int cell) => _lists.Move(slot, cell);

    /// <summary>The cell of <paramref name="slot"/>, or -1.</summary>
    public int CellOf(int slot) => _lists.LocationOf(slot);

    /// <summary>Agents on <paramref name="cell"/>.</summary>
    public int CountAt(int cell) => _lists.CountAt(cell);

    /// <summary>Writes the grid to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer) => _lists.WriteTo(writer);

    /// <summary>Restores the grid from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader) => _lists.ReadFrom(reader);
}
