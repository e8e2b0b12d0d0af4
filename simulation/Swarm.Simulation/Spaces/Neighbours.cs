namespace Swarm.Simulation.Spaces;

/// <summary>The agents a radius query found, with their displacements from the query point and squared distances, as parallel spans.</summary>
public readonly ref struct Neighbours
{
    internal Neighbours(NeighbourBuffer buffer, int count)
    {
        Slots = buffer.Slots.AsSpan(0, count);
        Dx = buffer.Dx.AsSpan(0, count);
        Dy = buffer.Dy.AsSpan(0, count);
        DistanceSquared = buffer.DistanceSquared.AsSpan(0, count);
    }

    /// <summary>How many were found.</summary>
    public int Count => Slots.Length;

    /// <summary>The agents found.</summary>
    public ReadOnlySpan<int> Slots { get; }

    /// <summary>Their x displacements (shortest way round on a torus).</summary>
    public ReadOnlySpan<double> Dx { get; }

    /// <summary>Their y displacements.</summary>
    public ReadOnlySpan<double> Dy { get; }

    /// <summary>Their squared distances.</summary>
    public ReadOnlySpan<double> DistanceSquared { get; }
}
