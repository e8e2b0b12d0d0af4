namespace Swarm.Orchestrations.Sweeps;

/// <summary>A group of consecutive short runs of a sweep, run by one <see cref="RunSweepRuns"/> activity.</summary>
public sealed record SweepRunsRequest(string SweepId, SweepSpec Spec, long FirstRun, int RunCount);
