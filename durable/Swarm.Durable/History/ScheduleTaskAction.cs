namespace Swarm.Durable.History;

/// <summary>Schedule an activity.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="Tags">Free-form tags.</param>
/// <param name="ParentTraceContext">The orchestration's trace context.</param>
public sealed record ScheduleTaskAction(
    int Id,
    string Name,
    string? Version,
    string? Input,
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null) : OrchestratorAction(Id);
