namespace Swarm.Durable.History;

/// <summary>The execution restarted itself with new input.</summary>
/// <param name="EventId">The CompleteOrchestration action id.</param>
/// <param name="Timestamp">When it restarted.</param>
/// <param name="Input">The new execution's serialized input.</param>
public sealed record ContinueAsNewEvent(int EventId, DateTime Timestamp, string? Input) : HistoryEvent(EventId, Timestamp);
