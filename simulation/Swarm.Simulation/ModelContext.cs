namespace Swarm.Simulation;

/// <summary>How one run of a model is set up, beside its parameters: the seed and run key its random stream comes from, and what it collects.</summary>
/// <param name="Seed">The experiment seed.</param>
/// <param name="RunKey">Distinguishes runs sharing a seed (a sweep point and replicate).</param>
/// <param name="CollectEvery">Collect reporters every this many steps and at step 0; 0 turns collection off.</param>
/// <param name="CollectAgents">Also collect the agent reporters, one row per agent.</param>
public sealed record ModelContext(ulong Seed = 0, ulong RunKey = 0, int CollectEvery = 1, bool CollectAgents = false);
