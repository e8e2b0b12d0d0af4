using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// Which agents are at each of a fixed number of locations (grid cells, network nodes, hash
/// buckets), as intrusive doubly-linked lists threaded through per-agent records.
/// </summary>
/// <remarks>
/// <para>Add, remove and move are O(1) and allocate nothing once the per-agent records have grown to
/// the population's capacity. New arrivals go to the head of a location's list; the list order is
/// part of the state (it decides, for example, which cellmate a random index picks) and is
/// checkpointed as is.</para>
/// <para>Layout: one 12-byte record per agent (next, previous, location) and one 8-byte record per
/// location (head, count), so that touching an agent or a location costs one cache line, not
/// three — what matters when millions of agents are visited in random order.</para>
/// </remarks>
public sealed class LocationLists : ICheckpointed
{
    private readonly Bucket[] _buckets;
    private AgentLink[] _links;

    /// <summary>Creates empty lists for <paramref name="locations"/> locations and room for <paramref name="agentCapacity"/> agents.</summary>
    public LocationLists(int locations, int agentCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(locations);
        ArgumentOutOfRangeException.ThrowIfNegative(agentCapacity);
        _buckets = new Bucket[locations];
        _buckets.AsSpan().Fill(new Bucket { Head = -1 });
        _links = new AgentLink[agentCapacity];
        _links.AsSpan().Fill(new AgentLink { Location = -1 });
    }

    /// <summary>Number of locations.</summary>
    public int LocationCount => _buckets.Length;

    /// <summary>Grows the per-agent records to hold slots <c>0 .. capacity-1</c>.</summary>
    public void EnsureAgentCapacity(int capacity)
    {
        if (_links.Length >= capacity)
        {
            return;
        }

        var old = _links.Length;
        Array.Resize(ref _links, Math.Max(capacity, old * 2));
        _links.AsSpan(old).Fill(new AgentLink { Location = -1 });
    }

    /// <summary>Agents at <paramref name="location"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountAt(int location) => _buckets[location].Count;

    /// <summary>The first agent at <paramref name="location"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FirstAt(int location) => _buckets[location].Head;

    /// <summary>The agent after <paramref name="slot"/> at the same location, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextOf(int slot) => _links[slot].Next;

    /// <summary>Where <paramref name="slot"/> is, or -1 if it is not placed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LocationOf(int slot) => (uint)slot < (uint)_links.Length ? _links[slot].Location : -1;

    /// <summary>Hints the CPU to fetch the record of <paramref name="slot"/> (for loops over agents in random order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchAgent(int slot) => CacheHint.Prefetch(_links, slot);

    /// <summary>Hints the CPU to fetch the records of the agents listed next to <paramref name="slot"/>, which a move will relink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchListNeighbours(int slot)
    {
        ref var link = ref _links[slot];
        CacheHint.Prefetch(_links, link.Next);
        CacheHint.Prefetch(_links, link.Prev);
    }

    /// <summary>Hints the CPU to fetch the record of <paramref name="location"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchLocation(int location) => CacheHint.Prefetch(_buckets, location);

    /// <summary>Places <paramref name="slot"/> at <paramref name="location"/>; it must not be placed already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot, int location)
    {
        if (_links[slot].Location >= 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is already placed.");
        }

        Link(slot, location);
    }

    /// <summary>Removes <paramref name="slot"/> from wherever it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(int slot)
    {
        if (_links[slot].Location < 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is not placed.");
        }

        Unlink(slot);
        _links[slot].Location = -1;
    }

    /// <summary>Moves <paramref name="slot"/> to <paramref name="location"/> (a no-op if already there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int slot, int location)
    {
        if (_links[slot].Location == location)
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
        for (var a = _buckets[location].Head; a >= 0; a = _links[a].Next)
        {
            destination[n++] = a;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Link(int slot, int location)
    {
        ref var bucket = ref _buckets[location];
        var head = bucket.Head;
        ref var link = ref _links[slot];
        link.Next = head;
        link.Prev = -1;
        link.Location = location;
        if (head >= 0)
        {
            _links[head].Prev = slot;
        }

        bucket.Head = slot;
        bucket.Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Unlink(int slot)
    {
        ref var link = ref _links[slot];
        var next = link.Next;
        var prev = link.Prev;
        ref var bucket = ref _buckets[link.Location];
        if (prev >= 0)
        {
            _links[prev].Next = next;
        }
        else
        {
            bucket.Head = next;
        }

        if (next >= 0)
        {
            _links[next].Prev = prev;
        }

        bucket.Count--;
    }

    /// <summary>Writes the lists to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteArray(_buckets);
        writer.WriteArray(_links);
    }

    /// <summary>Restores the lists from a checkpoint written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadExact<Bucket>(_buckets, _buckets.Length);
        _links = reader.ReadArray<AgentLink>();
        foreach (var bucket in _buckets)
        {
            if (bucket.Head >= _links.Length || bucket.Count < 0)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: a location list points past its agents.");
            }
        }

        foreach (var link in _links)
        {
            if (link.Next >= _links.Length || link.Prev >= _links.Length || link.Location >= _buckets.Length)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: an agent link points outside the lists.");
            }
        }
    }

    private struct Bucket
    {
        public int Head;
        public int Count;
    }

    private struct AgentLink
    {
        public int Next;
        public int Prev;
        public int Location;
    }
}
