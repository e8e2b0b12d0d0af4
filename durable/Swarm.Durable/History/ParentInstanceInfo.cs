namespace Swarm.Durable.History;

/// <summary>The orchestration that started a sub-orchestration; mirrors the protobuf <c>ParentInstanceInfo</c>.</summary>
/// <param name="TaskScheduledId">The id of the parent's CreateSubOrchestration action.</param>
/// <param name="Name">The parent orchestrator's name.</param>
/// <param name="Version">The parent orchestrator's version.</param>
/// <param name="OrchestrationInstance">The parent's instance and execution.</param>
public sealed record ParentInstanceInfo(int TaskScheduledId, string? Name, string? Version, OrchestrationInstance OrchestrationInstance);
