namespace Swarm.Orchestrations.Provisioning;

/// <summary>The compute quota: how many sweep runs may be reserved at once across all sweeps.</summary>
public sealed record ComputeQuotaOptions(long RunLimit = 1_000_000);
