namespace Swarm.Simulation.Models.ForestFire;

/// <summary>What a cell of the forest holds.</summary>
public enum Tree : byte
{
    /// <summary>No tree.</summary>
    Empty,

    /// <summary>A living tree.</summary>
    Green,

    /// <summary>A tree on fire.</summary>
    Burning,

    /// <summary>What a fire leaves.</summary>
    Burnt,
}
