namespace Swarm.Orchestrations.Runs;

/// <summary>A finished run: where it ended, its final reporters and the blob holding its final checkpoint.</summary>
public sealed record SimulationRunResult(string RunId, string Model, long Steps, IReadOnlyDictionary<string, double> Reporters, string Checkpoint, double ElapsedMs, ulong StateHash);
