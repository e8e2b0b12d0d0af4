namespace Swarm.Orchestrations.Sweeps;

/// <summary>A finished sweep: its size and the blobs of its summary, in its results container.</summary>
public sealed record SweepOutcome(string SweepId, string Model, long Runs, int Points, string Container, string SummaryJson, string SummaryCsv, string Chart, long ResumedRuns);
