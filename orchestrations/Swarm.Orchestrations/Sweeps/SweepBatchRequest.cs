namespace Swarm.Orchestrations.Sweeps;

/// <summary>A contiguous range of a sweep's runs, run by one <see cref="SweepBatch"/>.</summary>
public sealed record SweepBatchRequest(string SweepId, SweepSpec Spec, long FirstRun, int RunCount, int ChunkSteps, int RunsPerActivity);
