namespace Swarm.Simulation.Checkpoints;

/// <summary>
/// Leaves a model field out of checkpoints: scratch (buffers, caches) that the model rebuilds before it reads it,
/// so a resumed run cannot tell it was never saved.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class NotCheckpointedAttribute : Attribute;
