namespace Swarm.Durable.History;

/// <summary>An external event arrived.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was raised.</param>
/// <param name="Name">The event name (matched case-insensitively).</param>
/// <param name="Input">The serialized payload.</param>
public sealed record EventRaisedEvent(int EventId, DateTime Timestamp, string Name, string? Input) : HistoryEvent(EventId, Timestamp);
