namespace Swarm.Durable.History;

/// <summary>Free-form data recorded in history; ignored by replay.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was recorded.</param>
/// <param name="Data">The data.</param>
public sealed record GenericEvent(int EventId, DateTime Timestamp, string? Data) : HistoryEvent(EventId, Timestamp);
