namespace Swarm.Simulation.Checkpoints;

/// <summary>What a checkpoint says about itself: which model, which state layout, which parameters and seed.</summary>
/// <param name="ModelName">The catalog name of the model.</param>
/// <param name="StateVersion">The model's own state layout version.</param>
/// <param name="Parameters">The complete parameter set the model was created with.</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="RunKey">The run key.</param>
public sealed record CheckpointHeader(string ModelName, int StateVersion, ModelParameters Parameters, ulong Seed, ulong RunKey);
