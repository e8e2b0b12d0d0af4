using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Agents;

/// <summary>
/// The agents of one type: unmanaged structs kept by slot, with unique ids, births and deaths at any time, and the
/// schedules that step them (<see cref="AgentActivation"/>).
/// </summary>
/// <typeparam name="T">The agent type: numbers, bools, enums and structs of those, so that a checkpoint is a copy of memory.</typeparam>
/// <remarks>
/// <para>Agents live in chunks of <c>4096</c> that never move, so the reference an agent's step holds to itself stays
/// valid while it gives birth, however much the set grows. A dead agent's slot is reused for a later birth, but not
/// during the activation in which it died: a newborn can never take the place of an agent still to be stepped.</para>
/// <para>Spaces built over the set (<c>new MultiGrid(topology, set)</c>) drop an agent when the set removes it.</para>
/// </remarks>
public sealed class AgentSet<T> : AgentSet
    where T : unmanaged
{
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = [];

    /// <summary>Creates an empty set with room for <paramref name="capacity"/> agents, taking ids from <paramref name="ids"/> (a fresh sequence if null; share one between sets for model-wide unique ids).</summary>
    public AgentSet(int capacity = 16, AgentIdSequence? ids = null)
        : base(capacity, ids)
    {
        EnsureChunks(Slots.Capacity);
    }

    /// <summary>The agent in <paramref name="slot"/>, by reference: reading and assigning its fields reads and changes it.</summary>
    public ref T this[int slot]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks[slot >> ChunkShift][slot & ChunkMask];
    }

    /// <summary>Adds <paramref name="agent"/> and returns its slot; during an activation it is stepped from the next one on.</summary>
    public int Add(in T agent)
    {
        var slot = Slots.Add();
        if ((slot >> ChunkShift) >= _chunks.Length)
        {
            EnsureChunks(Slots.Capacity);
        }

        this[slot] = agent;
        return slot;
    }

    /// <inheritdoc />
    private protected override void PrefetchData(int slot)
    {
        if ((slot >> ChunkShift) < _chunks.Length)
        {
            CacheHint.Prefetch(_chunks[slot >> ChunkShift], slot & ChunkMask);
        }
    }

    /// <summary>How many live agents satisfy <paramref name="predicate"/>.</summary>
    public int CountWhere(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var n = 0;
        for (var slot = 0; slot < HighWater; slot++)
        {
            if (Slots.IsAlive(slot) && predicate(this[slot]))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The sum of <paramref name="value"/> over the live agents.</summary>
    public double Sum(Func<T, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sum = 0.0;
        for (var slot = 0; slot < HighWater; slot++)
        {
            if (Slots.IsAlive(slot))
            {
                sum += value(this[slot]);
            }
        }

        return sum;
    }

    /// <summary>The largest <paramref name="value"/> over the live agents; NaN when there are none.</summary>
    public double Max(Func<T, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = double.NaN;
        for (var slot = 0; slot < HighWater; slot++)
        {
            if (Slots.IsAlive(slot))
            {
                var v = value(this[slot]);
                max = double.IsNaN(max) ? v : Math.Max(max, v);
            }
        }

        return max;
    }

    /// <summary>Writes <paramref name="value"/> of each live agent, in slot order, into <paramref name="destination"/>; returns how many.</summary>
    public int CopyValues(Func<T, double> value, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        var n = 0;
        for (var slot = 0; slot < HighWater; slot++)
        {
            if (Slots.IsAlive(slot))
            {
                destination[n++] = value(this[slot]);
            }
        }

        return n;
    }

    /// <inheritdoc />
    public override void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Slots.WriteTo(writer);
        for (var c = 0; c << ChunkShift < HighWater; c++)
        {
            writer.WriteArray(_chunks[c], Math.Min(ChunkSize, HighWater - (c << ChunkShift)));
        }
    }

    /// <inheritdoc />
    public override void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Slots.ReadFrom(reader);
        _chunks = [];
        EnsureChunks(Slots.Capacity);
        for (var c = 0; c << ChunkShift < HighWater; c++)
        {
            reader.ReadExact<T>(_chunks[c], Math.Min(ChunkSize, HighWater - (c << ChunkShift)));
        }
    }

    private void EnsureChunks(int capacity)
    {
        var needed = (capacity + ChunkMask) >> ChunkShift;
        if (needed <= _chunks.Length)
        {
            return;
        }

        var chunks = _chunks;
        var old = chunks.Length;
        Array.Resize(ref chunks, needed);
        for (var c = old; c < needed; c++)
        {
            chunks[c] = new T[ChunkSize];
        }

        _chunks = chunks;
    }
}
