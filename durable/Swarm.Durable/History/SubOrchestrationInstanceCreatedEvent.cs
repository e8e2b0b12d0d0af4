namespace Swarm.Durable.History;

/// <summary>The orchestrator started a sub-orchestration.</summary>
/// <param name="EventId">The CreateSubOrchestration action id; completions refer to it.</param>
/// <param name="Timestamp">When it was created.</param>
/// <param name="InstanceId">The sub-orchestration's instance id.</param>
/// <param name="Name">The sub-orchestrator name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="ParentTraceContext">The parent's trace context.</param>
/// <param name="Tags">Free-form tags.</param>
public sealed record SubOrchestrationInstanceCreatedEvent(
    int EventId,
    DateTime Timestamp,
    string InstanceId,
    string Name,
    string? Version,
    string? Input,
    TraceContext? ParentTraceContext = null,
    IReadOnlyDictionary<string, string>? Tags = null) : HistoryEvent(EventId, Timestamp);
