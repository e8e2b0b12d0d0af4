namespace Swarm.Durable.History;

/// <summary>Marks the end of an episode.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">The episode's end time.</param>
public sealed record OrchestratorCompletedEvent(int EventId, DateTime Timestamp) : HistoryEvent(EventId, Timestamp);
