namespace Swarm.Durable.History;

/// <summary>A durable timer fired.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was delivered.</param>
/// <param name="FireAt">When it was due.</param>
/// <param name="TimerId">The id of the TimerCreated event.</param>
public sealed record TimerFiredEvent(int EventId, DateTime Timestamp, DateTime FireAt, int TimerId) : HistoryEvent(EventId, Timestamp);
