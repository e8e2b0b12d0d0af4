using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation;

/// <summary>
/// Slot bookkeeping for one population of agents stored as struct-of-arrays: which slots are
/// alive, each agent's unique id, and a free list so births reuse the slots of deaths instead
/// of allocating.
/// </summary>
/// <remarks>
/// <para>A model keeps its agents' properties in plain arrays indexed by slot and grows them with
/// <see cref="EnsureColumn{T}"/> whenever <see cref="Add"/> has grown <see cref="Capacity"/>;
/// capacity doubles, so growth is amortised and a steady population never allocates.</para>
/// <para>Slots freed by <see cref="Remove"/> are only reused after <see cref="Recycle"/>: a model
/// calls it between activation phases, so an agent born during a phase can never take the slot of
/// one that died earlier in the same phase and be activated in its place.</para>
/// </remarks>
public sealed class AgentSlots : ICheckpointed
{
    private long[] _ids;
    private bool[] _alive;
    private int[] _free;
    private int _freeCount;
    private int[] _pending;
    private int _pendingCount;
    private int _highWater;
    private int _count;

    /// <summary>Creates storage for <paramref name="initialCapacity"/> agents, taking ids from <paramref name="ids"/> (a fresh sequence from 0 if null).</summary>
    public AgentSlots(int initialCapacity, AgentIdSequence? ids = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        var capacity = Math.Max(initialCapacity, 4);
        _ids = new long[capacity];
        _alive = new bool[capacity];
        _free = new int[capacity];
        _pending = new int[capacity];
        Ids = ids ?? new AgentIdSequence();
    }

    /// <summary>Where ids come from (possibly shared with other agent types).</summary>
    public AgentIdSequence Ids { get; }

    /// <summary>Live agents.</summary>
    public int Count => _count;

    /// <summary>Slots available before the next growth; property columns must be at least this long.</summary>
    public int Capacity => _ids.Length;

    /// <summary>One past the highest slot ever used: iterate <c>[0, HighWater)</c> and test <see cref="IsAlive"/>.</summary>
    public int HighWater => _highWater;

    /// <summary>Whether <paramref name="slot"/> holds a live agent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAlive(int slot) => _alive[slot];

    /// <summary>The unique id of the agent in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long IdOf(int slot) => _ids[slot];

    /// <summary>Adds an agent with a fresh id and returns its slot (a recycled one when available).</summary>
    public int Add()
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_highWater == _ids.Length)
            {
                Grow();
            }

            slot = _highWater++;
        }

        _ids[slot] = Ids.Take();
        _alive[slot] = true;
        _count++;
        return slot;
    }

    /// <summary>Removes the agent in <paramref name="slot"/>; the slot is reused only after <see cref="Recycle"/>.</summary>
    public void Remove(int slot)
    {
        if ((uint)slot >= (uint)_highWater || !_alive[slot])
        {
            ThrowHelper.ThrowInvalidOperation($"Slot {slot} holds no live agent.");
        }

        _alive[slot] = false;
        _pending[_pendingCount++] = slot;
        _count--;
    }

    /// <summary>Makes the slots removed since the last call available to <see cref="Add"/>.</summary>
    public void Recycle()
    {
        _pending.AsSpan(0, _pendingCount).CopyTo(_free.AsSpan(_freeCount));
        _freeCount += _pendingCount;
        _pendingCount = 0;
    }

    /// <summary>Writes the live slots, in slot order, into <paramref name="destination"/>; returns how many.</summary>
    public int CopyAliveSlots(Span<int> destination)
    {
        var n = 0;
        var alive = _alive;
        for (var i = 0; i < _highWater; i++)
        {
            if (alive[i])
            {
                destination[n++] = i;
            }
        }

        return n;
    }

    /// <summary>Grows <paramref name="column"/> to <see cref="Capacity"/> if it is shorter (a property column of this population).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureColumn<T>(ref T[] column)
    {
        if (column.Length < _ids.Length)
        {
            Array.Resize(ref column, _ids.Length);
        }
    }

    private void Grow()
    {
        var capacity = _ids.Length * 2;
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _alive, capacity);
        Array.Resize(ref _free, capacity);
        Array.Resize(ref _pending, capacity);
    }

    /// <summary>Writes the bookkeeping to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(_ids.Length);
        writer.WriteInt32(_highWater);
        writer.WriteInt32(_count);
        writer.WriteInt64(Ids.Next);
        writer.WriteArray(_ids, _highWater);
        writer.WriteArray(_alive, _highWater);
        writer.WriteArray(_free, _freeCount);
        writer.WriteArray(_pending, _pendingCount);
    }

    /// <summary>Restores the bookkeeping from a checkpoint written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var capacity = reader.ReadCount();
        var highWater = reader.ReadCount();
        var count = reader.ReadCount();
        if (highWater > capacity || count > highWater || capacity > Array.MaxLength / 2)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: inconsistent agent slot counts.");
        }

        _ids = new long[capacity];
        _alive = new bool[capacity];
        _free = new int[capacity];
        _pending = new int[capacity];
        _highWater = highWater;
        _count = count;
        Ids.Next = reader.ReadInt64();
        reader.ReadExact<long>(_ids, highWater);
        reader.ReadExact<bool>(_alive, highWater);
        _freeCount = reader.ReadArrayInto<int>(_free);
        _pendingCount = reader.ReadArrayInto<int>(_pending);
    }
}
