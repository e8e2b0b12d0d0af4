namespace Swarm.Orchestrations.Runs;

/// <summary>What a chunk reports back through history: small, never the model state.</summary>
/// <param name="Step">The step the chunk ended at.</param>
/// <param name="ElapsedMs">Time spent stepping (not loading or saving).</param>
/// <param name="Rows">Data rows written for the chunk.</param>
/// <param name="Reporters">The model reporters at <paramref name="Step"/>.</param>
/// <param name="Checkpoint">The blob holding the checkpoint at <paramref name="Step"/>.</param>
/// <param name="StateHash">Hash of the whole model state at <paramref name="Step"/>, for determinism checks.</param>
public sealed record ChunkSummary(long Step, double ElapsedMs, int Rows, IReadOnlyDictionary<string, double> Reporters, string Checkpoint, ulong StateHash);
