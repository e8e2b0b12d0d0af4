namespace Swarm.Durable;

/// <summary>Options for a sub-orchestration call.</summary>
/// <param name="InstanceId">The sub-orchestration's instance id; a deterministic new GUID when null.</param>
/// <param name="Retry">The retry policy, or null for a single attempt.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
