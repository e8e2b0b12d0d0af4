namespace Swarm.Simulation.Checkpoints;

/// <summary>
/// A component of model state that saves and restores itself in place: agent sets, spaces, property layers, random
/// streams. A model's generated checkpoint code calls these for every field holding one.
/// </summary>
/// <remarks>
/// <see cref="ReadFrom"/> runs on the instance the model's constructor built from the same parameters and seed, so
/// whatever the constructor fixes (sizes, topology, attached spaces) needs no place in the checkpoint.
/// </remarks>
public interface ICheckpointed
{
    /// <summary>Writes the component's state.</summary>
    void WriteTo(CheckpointWriter writer);

    /// <summary>Restores what <see cref="WriteTo"/> wrote.</summary>
    void ReadFrom(CheckpointReader reader);
}
