namespace Swarm.Durable.History;

/// <summary>A resume request arrived; held events are delivered.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was requested.</param>
/// <param name="Input">The serialized reason.</param>
public sealed record ExecutionResumedEvent(int EventId, DateTime Timestamp, string? Input) : HistoryEvent(EventId, Timestamp);
