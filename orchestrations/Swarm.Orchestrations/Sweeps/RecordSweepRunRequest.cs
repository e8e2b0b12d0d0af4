namespace Swarm.Orchestrations.Sweeps;

/// <summary>The result of a long sweep run, to be recorded.</summary>
public sealed record RecordSweepRunRequest(SweepRunRequest Run, IReadOnlyDictionary<string, double> Reporters, ulong StateHash, double ElapsedMs);
