namespace Swarm.Durable.History;

/// <summary>The execution finished (completed, failed, terminated or continued as new).</summary>
/// <param name="EventId">The id of the CompleteOrchestration action.</param>
/// <param name="Timestamp">When it finished.</param>
/// <param name="OrchestrationStatus">The final status.</param>
/// <param name="Result">The serialized output, or null.</param>
/// <param name="FailureDetails">Why it failed, when it did.</param>
public sealed record ExecutionCompletedEvent(
    int EventId,
    DateTime Timestamp,
    OrchestrationStatus OrchestrationStatus,
    string? Result,
    TaskFailureDetails? FailureDetails = null) : HistoryEvent(EventId, Timestamp);
