namespace Swarm.Durable.History;

/// <summary>Marks the start of an episode; its timestamp is the orchestration's CurrentUtcDateTime.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">The episode's start time.</param>
public sealed record OrchestratorStartedEvent(int EventId, DateTime Timestamp) : HistoryEvent(EventId, Timestamp);
