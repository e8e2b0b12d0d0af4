namespace Swarm.Durable.History;

/// <summary>A terminate request arrived.</summary>
/// <param name="EventId">Always -1.</param>
/// <param name="Timestamp">When it was requested.</param>
/// <param name="Input">The serialized reason, which becomes the instance's output.</param>
/// <param name="Recurse">Whether sub-orchestrations are terminated too.</param>
public sealed record ExecutionTerminatedEvent(int EventId, DateTime Timestamp, string? Input, bool Recurse = false)
    : HistoryEvent(EventId, Timestamp);
