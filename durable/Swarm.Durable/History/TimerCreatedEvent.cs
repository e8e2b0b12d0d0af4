namespace Swarm.Durable.History;

/// <summary>The orchestrator created a durable timer.</summary>
/// <param name="EventId">The CreateTimer action id; TimerFired refers to it.</param>
/// <param name="Timestamp">When it was created.</param>
/// <param name="FireAt">When it fires (UTC).</param>
public sealed record TimerCreatedEvent(int EventId, DateTime Timestamp, DateTime FireAt) : HistoryEvent(EventId, Timestamp);
