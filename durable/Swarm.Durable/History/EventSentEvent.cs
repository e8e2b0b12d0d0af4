namespace Swarm.Durable.History;

/// <summary>The orchestrator sent an event to another instance.</summary>
/// <param name="EventId">The SendEvent action id.</param>
/// <param name="Timestamp">When it was sent.</param>
/// <param name="InstanceId">The receiving instance.</param>
/// <param name="Name">The event name.</param>
/// <param name="Input">The serialized payload.</param>
public sealed record EventSentEvent(int EventId, DateTime Timestamp, string InstanceId, string Name, string? Input)
    : HistoryEvent(EventId, Timestamp);
