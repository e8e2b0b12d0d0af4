namespace Swarm.Simulation.Spaces;

/// <summary>
/// Reusable result of a radius query: the agents found with their displacements and squared
/// distances, in columns, so a model can fold over them in a tight loop with local accumulators.
/// </summary>
/// <remarks>Sized once (to the population) and refilled by each query, so queries allocate nothing.</remarks>
public sealed class NeighbourBuffer
{
    /// <summary>Creates a buffer for up to <paramref name="capacity"/> agents.</summary>
    public NeighbourBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Slots = new int[capacity];
        Dx = new double[capacity];
        Dy = new double[capacity];
        DistanceSquared = new double[capacity];
    }

    /// <summary>Agents found by the last query (the first <see cref="Count"/> entries).</summary>
    public int[] Slots { get; private set; }

    /// <summary>Their x displacements from the query point.</summary>
    public double[] Dx { get; private set; }

    /// <summary>Their y displacements from the query point.</summary>
    public double[] Dy { get; private set; }

    /// <summary>Their squared distances from the query point.</summary>
    public double[] DistanceSquared { get; private set; }

    /// <summary>Entries filled by the last query.</summary>
    public int Count { get; internal set; }

    internal void Grow()
    {
        var size = Math.Max(16, Slots.Length * 2);
        var slots = Slots;
        var dx = Dx;
        var dy = Dy;
        var d2 = DistanceSquared;
        Array.Resize(ref slots, size);
        Array.Resize(ref dx, size);
        Array.Resize(ref dy, size);
        Array.Resize(ref d2, size);
        Slots = slots;
        Dx = dx;
        Dy = dy;
        DistanceSquared = d2;
    }
}
