namespace Swarm.Orchestrations.Sweeps;

/// <summary>A sweep's custom status: its phase and how many runs are done.</summary>
public sealed record SweepProgress(string Phase, long RunsDone, long Runs, int BatchesDone, int Batches);
