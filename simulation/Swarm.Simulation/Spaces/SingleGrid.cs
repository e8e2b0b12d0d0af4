using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// A grid where each cell holds at most one agent, with O(1) placement, removal, moves and
/// "move to a random empty cell".
/// </summary>
/// <remarks>
/// One int per cell does double duty: a value ≥ 0 is the occupant's slot; a negative value
/// <c>~i</c> marks the cell empty and says it sits at index <c>i</c> of the empty-cell list. The
/// empty list lets a random empty cell be drawn in O(1), and a move swaps the vacated cell into
/// the list position of the taken one, so nothing is ever searched or shifted. Memory: two ints
/// per cell.
/// </remarks>
public sealed class SingleGrid
{
    private readonly int[] _cells;
    private readonly int[] _empty;
    private int _emptyCount;

    /// <summary>Creates an empty grid.</summary>
    public SingleGrid(GridTopology topology)
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

    /// <summary>Places agent <paramref name="slot"/> on the empty cell <paramref name="cell"/>.</summary>
    public void Place(int slot, int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        var v = _cells[cell];
        if (v >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Cell {cell} is already occupied by agent slot {v}.");
        }

        TakeEmpty(~v);
        _cells[cell] = slot;
    }

    /// <summary>Empties <paramref name="cell"/>, which must be occupied.</summary>
    public void Remove(int cell)
    {
        if (_cells[cell] < 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Cell {cell} is already empty.");
        }

        _empty[_emptyCount] = cell;
        _cells[cell] = ~_emptyCount;
        _emptyCount++;
    }

    /// <summary>Moves the occupant of <paramref name="from"/> to the empty cell <paramref name="to"/>.</summary>
    public void Move(int from, int to)
    {
        var slot = _cells[from];
        var v = _cells[to];
        if (slot < 0 || v >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Cannot move from cell {from} to cell {to}: source empty or target occupied.");
        }

        // The vacated cell takes the list position of the cell being filled: one write each, no shifting.
        var index = ~v;
        _empty[index] = from;
        _cells[from] = v;
        _cells[to] = slot;
    }

    /// <summary>A uniformly random empty cell, or -1 when the grid is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RandomEmptyCell(SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return _emptyCount == 0 ? -1 : _empty[random.NextInt(_emptyCount)];
    }

    /// <summary>Moves the occupant of <paramref name="from"/> to a uniformly random empty cell; returns that cell (or <paramref name="from"/> when full).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MoveToRandomEmpty(int from, SimulationRandom random)
    {
        var to = RandomEmptyCell(random);
        if (to < 0)
        {
            return from;
        }

        Move(from, to);
        return to;
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
    }
}
