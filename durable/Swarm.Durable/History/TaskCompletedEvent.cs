namespace Swarm.Durable.History;

/// <summary>An activity returned a result.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it completed.</param>
/// <param name="TaskScheduledId">The id of the TaskScheduled event it answers.</param>
/// <param name="Result">The serialized result.</param>
public sealed record TaskCompletedEvent(int EventId, DateTime Timestamp, int TaskScheduledId, string? Result)
    : HistoryEvent(EventId, Timestamp);
