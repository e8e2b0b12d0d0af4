namespace Swarm.Durable.History;

/// <summary>The first event of every execution: which orchestrator runs, with what input.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When the execution was requested.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Version">The orchestrator version, when versioned.</param>
/// <param name="Input">The serialized input (JSON text), or null.</param>
/// <param name="OrchestrationInstance">The instance and execution ids.</param>
/// <param name="ParentInstance">The parent, for a sub-orchestration.</param>
/// <param name="ScheduledStartTimestamp">The requested start time, when delayed.</param>
/// <param name="ParentTraceContext">The trace context of the caller.</param>
/// <param name="Tags">Free-form tags.</param>
public sealed record ExecutionStartedEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string? Version,
    string? Input,
    OrchestrationInstance OrchestrationInstance,
    ParentInstanceInfo? ParentInstance = null,
    DateTime? ScheduledStartTimestamp = null,
    TraceContext? ParentTraceContext = null,
    IReadOnlyDictionary<string, string>? Tags = null) : HistoryEvent(EventId, Timestamp);
