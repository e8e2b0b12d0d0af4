namespace Swarm.Durable.History;

/// <summary>A sub-orchestration completed.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it completed.</param>
/// <param name="TaskScheduledId">The id of the SubOrchestrationInstanceCreated event it answers.</param>
/// <param name="Result">The serialized result.</param>
public sealed record SubOrchestrationInstanceCompletedEvent(int EventId, DateTime Timestamp, int TaskScheduledId, string? Result)
    : HistoryEvent(EventId, Timestamp);
