namespace Swarm.Durable.History;

/// <summary>A sub-orchestration failed.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it failed.</param>
/// <param name="TaskScheduledId">The id of the SubOrchestrationInstanceCreated event it answers.</param>
/// <param name="FailureDetails">Why it failed.</param>
public sealed record SubOrchestrationInstanceFailedEvent(int EventId, DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails)
    : HistoryEvent(EventId, Timestamp);
