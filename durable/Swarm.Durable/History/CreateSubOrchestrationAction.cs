namespace Swarm.Durable.History;

/// <summary>Start a sub-orchestration.</summary>
/// <param name="Id">The action id.</param>
/// <param name="InstanceId">The sub-orchestration's instance id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="ParentTraceContext">The parent's trace context.</param>
/// <param name="Tags">Free-form tags.</param>
public sealed record CreateSubOrchestrationAction(
    int Id,
    string InstanceId,
    string Name,
    string? Version,
    string? Input,
    TraceContext? ParentTraceContext = null,
    IReadOnlyDictionary<string, string>? Tags = null) : OrchestratorAction(Id);
