namespace Swarm.Durable.History;

/// <summary>The orchestrator scheduled an activity.</summary>
/// <param name="EventId">The ScheduleTask action id; completions refer to it.</param>
/// <param name="Timestamp">When it was scheduled.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="ParentTraceContext">The orchestration's trace context.</param>
/// <param name="Tags">Free-form tags.</param>
public sealed record TaskScheduledEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string? Version,
    string? Input,
    TraceContext? ParentTraceContext = null,
    IReadOnlyDictionary<string, string>? Tags = null) : HistoryEvent(EventId, Timestamp);
