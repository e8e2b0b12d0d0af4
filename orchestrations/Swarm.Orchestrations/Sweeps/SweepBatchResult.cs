namespace Swarm.Orchestrations.Sweeps;

/// <summary>What a batch reports: how many runs it completed and how many of those were already done (resumed).</summary>
public sealed record SweepBatchResult(int Runs, int AlreadyDone);
