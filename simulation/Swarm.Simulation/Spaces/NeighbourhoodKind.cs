namespace Swarm.Simulation.Spaces;

/// <summary>Which cells around a cell count as its neighbourhood.</summary>
public enum NeighbourhoodKind
{
    /// <summary>Chebyshev distance ≤ radius: the (2r+1)² square around the cell.</summary>
    Moore,

    /// <summary>Manhattan distance ≤ radius: the diamond around the cell.</summary>
    VonNeumann,
}
