namespace Swarm.Orchestrations.Provisioning;

/// <summary>A sweep's claim on the compute quota: <paramref name="Runs"/> runs held while it runs.</summary>
public sealed record QuotaRequest(string SweepId, long Runs);
