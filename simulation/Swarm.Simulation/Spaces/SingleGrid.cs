using System.Runtime.CompilerServices;
using Swarm.Simulation.Agents;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// A grid where each cell holds at most one agent, with O(1) placement, removal, moves and
/// "move to a random empty cell", and the occupants of any neighbourhood.
/// </summary>
/// <remarks>
/// <para>One int per cell does double duty: a value ≥ 0 is the occupant's slot; a negative value
/// <c>~i</c> marks the cell empty and says it sits at index <c>i</c> of the empty-cell list. The
/// empty list lets a random empty cell be drawn in O(1), and a move swaps the vacated cell into
/// the list position of the taken one, so nothing is ever searched or shifted. Memory: two ints
/// per cell and one per agent (its cell, derived from the cells, so not checkpointed).</para>
/// <para>Built over an <see cref="AgentSet"/>, the grid drops an agent the set removes.</para>
/// </remarks>
public sealed class SingleGrid : ICheckpointed, IAgentIndex
{
    private readonly int[] _cells;
    private readonly int[] _empty;
    private readonly List<GridNeighbourhood> _neighbourhoods = [];
    private int[] _cellOf = [];
    private int[] _found = [];
    private int _emptyCount;

    /// <summary>Creates an empty grid for the agents of <paramref name="agents"/> (or for slots a model manages itself when null).</summary>
    public SingleGrid(GridTopology topology, AgentSet? agents = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        _cells = new int[topology.CellCount];
        _empty = new int[topology.CellCount];
        for (var c = 0; c < _cells.Length; c++)
        {
            _cells[c] = ~c;
            _empty[c] = c;
        }

        _emptyCount = _cells.Length;
        agents?.Attach(this);
    }

    /// <summary>The grid's shape.</summary>
    public GridTopology Topology { get; }

    /// <summary>Empty cells.</summary>
    public int EmptyCount => _emptyCount;

    /// <summary>The occupant slot of every cell, negative when empty; read-only view for fast neighbourhood scans.</summary>
    public ReadOnlySpan<int> Cells => _cells;

    /// <summary>The occupant of <paramref name="cell"/>, or -1 when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int OccupantOf(int cell)
    {
        var v = _cells[cell];
        return v >= 0 ? v : -1;
    }

    /// <summary>Whether <paramref name="cell"/> is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEmpty(int cell) => _cells[cell] < 0;

    /// <summary>The cell of agent <paramref name="slot"/>, or -1 when it is not placed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CellOf(int slot) => (uint)slot < (uint)_cellOf.Length ? _cellOf[slot] : -1;

    /// <summary>Places agent <paramref name="slot"/> on the empty cell <paramref name="cell"/>.</summary>
    public void Place(int slot, int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        var v = _cells[cell];
        if (v >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Cell {cell} is already occupied by agent slot {v}.");
        }

        if (CellOf(slot) >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is already placed.");
        }

        EnsureAgent(slot);
        TakeEmpty(~v);
        _cells[cell] = slot;
        _cellOf[slot] = cell;
    }

    /// <summary>Takes agent <paramref name="slot"/> off the grid.</summary>
    public void Remove(int slot)
    {
        var cell = CellOf(slot);
        if (cell < 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is not on the grid.");
        }

        _empty[_emptyCount] = cell;
        _cells[cell] = ~_emptyCount;
        _emptyCount++;
        _cellOf[slot] = -1;
    }

    /// <summary>Moves agent <paramref name="slot"/> to the empty cell <paramref name="to"/>.</summary>
    public void Move(int slot, int to)
    {
        var from = CellOf(slot);
        var v = _cells[to];
        if (from < 0 || v >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Cannot move agent slot {slot} to cell {to}: the agent is not placed or the cell is occupied.");
        }

        // The vacated cell takes the list position of the cell being filled: one write each, no shifting.
        _empty[~v] = from;
        _cells[from] = v;
        _cells[to] = slot;
        _cellOf[slot] = to;
    }

    /// <summary>A uniformly random empty cell, or -1 when the grid is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RandomEmptyCell(SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return _emptyCount == 0 ? -1 : _empty[random.NextInt(_emptyCount)];
    }

    /// <summary>Moves agent <paramref name="slot"/> to a uniformly random empty cell; returns its cell (unchanged when the grid is full).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MoveToRandomEmpty(int slot, SimulationRandom random)
    {
        var to = RandomEmptyCell(random);
        if (to < 0)
        {
            return CellOf(slot);
        }

        Move(slot, to);
        return to;
    }

    /// <summary>
    /// The agents on the cells around agent <paramref name="slot"/> (itself excluded), in neighbourhood order, in a
    /// buffer the next call overwrites.
    /// </summary>
    public ReadOnlySpan<int> NeighboursOf(int slot, int radius = 1, NeighbourhoodKind kind = NeighbourhoodKind.Moore)
    {
        var neighbourhood = Neighbourhood(kind, radius);
        var cells = neighbourhood.Of(CellOf(slot));
        var found = _found;
        var n = 0;
        foreach (var cell in cells)
        {
            var occupant = _cells[cell];
            found[n] = occupant;
            n += occupant >= 0 ? 1 : 0;
        }

        return found.AsSpan(0, n);
    }

    /// <summary>The neighbourhood of <paramref name="kind"/> and <paramref name="radius"/> on this grid, built on first use.</summary>
    public GridNeighbourhood Neighbourhood(NeighbourhoodKind kind, int radius)
    {
        foreach (var known in _neighbourhoods)
        {
            if (known.Kind == kind && known.Radius == radius)
            {
                return known;
            }
        }

        var neighbourhood = new GridNeighbourhood(Topology, kind, radius);
        _neighbourhoods.Add(neighbourhood);
        if (_found.Length < neighbourhood.MaxCount)
        {
            _found = new int[neighbourhood.MaxCount];
        }

        return neighbourhood;
    }

    void IAgentIndex.OnRemoved(int slot)
    {
        if (CellOf(slot) >= 0)
        {
            Remove(slot);
        }
    }

    void IAgentIndex.OnActivation()
    {
    }

    void IAgentIndex.PrefetchAgent(int slot) => CacheHint.Prefetch(_cellOf, slot);

    void IAgentIndex.PrefetchAround(int slot)
    {
        var at = CellOf(slot);
        var width = Topology.Width;
        CacheHint.Prefetch(_cells, at - width);
        CacheHint.Prefetch(_cells, at);
        CacheHint.Prefetch(_cells, at + width);
    }

    private void EnsureAgent(int slot)
    {
        if (slot >= _cellOf.Length)
        {
            var old = _cellOf.Length;
            Array.Resize(ref _cellOf, Math.Max(slot + 1, Math.Max(16, old * 2)));
            _cellOf.AsSpan(old).Fill(-1);
        }
    }

    private void TakeEmpty(int index)
    {
        // Swap-remove: the last empty cell moves into the freed list position.
        var last = _empty[--_emptyCount];
        _empty[index] = last;
        _cells[last] = ~index;
    }

    /// <summary>Writes the grid to a checkpoint (the empty list order matters: random draws index it).</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteArray(_cells);
        writer.WriteArray(_empty, _emptyCount);
    }

    /// <summary>Restores the grid from a checkpoint written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadExact<int>(_cells, _cells.Length);
        _emptyCount = reader.ReadArrayInto<int>(_empty);
        for (var i = 0; i < _emptyCount; i++)
        {
            var c = _empty[i];
            if ((uint)c >= (uint)_cells.Length || _cells[c] != ~i)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: grid cells and empty list disagree.");
            }
        }

        _cellOf.AsSpan().Fill(-1);
        for (var c = 0; c < _cells.Length; c++)
        {
            if (_cells[c] >= 0)
            {
                EnsureAgent(_cells[c]);
                _cellOf[_cells[c]] = c;
            }
        }
    }
}
