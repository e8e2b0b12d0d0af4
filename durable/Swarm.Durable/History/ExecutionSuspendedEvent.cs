namespace Swarm.Durable.History;

/// <summary>A suspend request arrived; later events are held until resume.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was requested.</param>
/// <param name="Input">The serialized reason.</param>
public sealed record ExecutionSuspendedEvent(int EventId, DateTime Timestamp, string? Input) : HistoryEvent(EventId, Timestamp);
