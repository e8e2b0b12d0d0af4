namespace Swarm.Durable.History;

/// <summary>Identifies one execution of an orchestration instance; mirrors the protobuf <c>OrchestrationInstance</c>.</summary>
/// <param name="InstanceId">The instance id, stable across ContinueAsNew.</param>
/// <param name="ExecutionId">The id of one execution; a new one starts with each ContinueAsNew.</param>
public sealed record OrchestrationInstance(string InstanceId, string? ExecutionId = null);
