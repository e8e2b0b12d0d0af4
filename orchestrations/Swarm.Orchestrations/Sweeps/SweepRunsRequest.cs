namespace Swarm.Orchestrations.Sweeps;

/// <summary>A group of consecutive short runs of a sweep, run by one <see cref="RunSweepRuns"/> activity.</summary>
public sealed record SweepRunsRequest(string SweepId, string SpecJson, long FirstRun, int RunCount);
