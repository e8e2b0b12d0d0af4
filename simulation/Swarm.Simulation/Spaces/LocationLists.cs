using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// Which agents are at each of a fixed number of locations (grid cells, network nodes, hash
/// buckets), as intrusive doubly-linked lists threaded through per-agent arrays.
/// </summary>
/// <remarks>
/// Add, remove and move are O(1) and allocate nothing once the per-agent arrays have grown to the
/// population's capacity. New arrivals go to the head of a location's list; the list order is part
/// of the state (it decides, for example, which cellmate a random index picks) and is checkpointed
/// as is.
/// </remarks>
public sealed class LocationLists
{
    private readonly int[] _head;
    private readonly int[] _count;
    private int[] _next;
    private int[] _prev;
    private int[] _location;

    /// <summary>Creates empty lists for <paramref name="locations"/> locations and room for <paramref name="agentCapacity"/> agents.</summary>
    public LocationLists(int locations, int agentCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(locations);
        ArgumentOutOfRangeException.ThrowIfNegative(agentCapacity);
        _head = new int[locations];
        Array.Fill(_head, -1);
        _count = new int[locations];
        _next = new int[agentCapacity];
        _prev = new int[agentCapacity];
        _location = new int[agentCapacity];
        Array.Fill(_location, -1);
    }

    /// <summary>Number of locations.</summary>
    public int LocationCount => _head.Length;

    /// <summary>Grows the per-agent arrays to hold slots <c>0 .. capacity-1</c>.</summary>
    public void EnsureAgentCapacity(int capacity)
    {
        if (_next.Length >= capacity)
        {
            return;
        }

        var old = _location.Length;
        var size = Math.Max(capacity, old * 2);
        Array.Resize(ref _next, size);
        Array.Resize(ref _prev, size);
        Array.Resize(ref _location, size);
        _location.AsSpan(old).Fill(-1);
    }

    /// <summary>Agents at <paramref name="location"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountAt(int location) => _count[location];

    /// <summary>The first agent at <paramref name="location"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FirstAt(int location) => _head[location];

    /// <summary>The agent after <paramref name="slot"/> at the same location, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextOf(int slot) => _next[slot];

    /// <summary>Where <paramref name="slot"/> is, or -1 if it is not placed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LocationOf(int slot) => _location[slot];

    /// <summary>Places <paramref name="slot"/> at <paramref name="location"/>; it must not be placed already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot, int location)
    {
        if (_location[slot] >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is already placed.");
        }

        Link(slot, location);
    }

    /// <summary>Removes <paramref name="slot"/> from wherever it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(int slot)
    {
        if (_location[slot] < 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is not placed.");
        }

        Unlink(slot);
        _location[slot] = -1;
    }

    /// <summary>Moves <paramref name="slot"/> to <paramref name="location"/> (a no-op if already there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int slot, int location)
    {
        if (_location[slot] == location)
        {
            return;
        }

        Unlink(slot);
        Link(slot, location);
    }

    /// <summary>Writes the agents at <paramref name="location"/> into <paramref name="destination"/>; returns how many.</summary>
    public int CopyAgentsAt(int location, Span<int> destination)
    {
        var n = 0;
        for (var a = _head[location]; a >= 0; a = _next[a])
        {
            destination[n++] = a;
        }

        return n;
    }

    private void Link(int slot, int location)
    {
        var head = _head[location];
        _next[slot] = head;
        _prev[slot] = -1;
        if (head >= 0)
        {
            _prev[head] = slot;
        }

        _head[location] = slot;
        _location[slot] = location;
        _count[location]++;
    }

    private void Unlink(int slot)
    {
        var location = _location[slot];
        var next = _next[slot];
        var prev = _prev[slot];
        if (prev >= 0)
        {
            _next[prev] = next;
        }
        else
        {
            _head[location] = next;
        }

        if (next >= 0)
        {
            _prev[next] = prev;
        }

        _count[location]--;
    }

    /// <summary>Writes the lists to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteArray(_head);
        writer.WriteArray(_count);
        writer.WriteArray(_next);
        writer.WriteArray(_prev);
        writer.WriteArray(_location);
    }

    /// <summary>Restores the lists from a checkpoint written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadExact<int>(_head, _head.Length);
        reader.ReadExact<int>(_count, _count.Length);
        _next = reader.ReadArray<int>();
        _prev = reader.ReadArray<int>();
        _location = reader.ReadArray<int>();
        if (_prev.Length != _next.Length || _location.Length != _next.Length)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: location list arrays differ in length.");
        }

        foreach (var h in _head)
        {
            if (h >= _next.Length)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: a location list points past its agents.");
            }
        }
    }
}
