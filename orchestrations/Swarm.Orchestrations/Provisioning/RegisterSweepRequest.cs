namespace Swarm.Orchestrations.Provisioning;

/// <summary>What a sweep's record starts with.</summary>
public sealed record RegisterSweepRequest(string SweepId, string Model, long Runs, int Points);
