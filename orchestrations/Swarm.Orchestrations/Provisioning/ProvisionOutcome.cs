using Swarm.Orchestrations.Sagas;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>How provisioning went (which steps ran, failed, were compensated) and, when it completed, the sweep's outcome.</summary>
public sealed record ProvisionOutcome(SagaOutcome Saga, SweepOutcome? Sweep);
