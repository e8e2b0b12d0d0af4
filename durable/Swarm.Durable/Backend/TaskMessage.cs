using Swarm.Durable.History;

namespace Swarm.Durable.Backend;

/// <summary>A history event on its way to an orchestration instance (an activity result, a timer, an external event…).</summary>
/// <param name="InstanceId">The receiving instance.</param>
/// <param name="ExecutionId">The execution it is meant for; null for any execution (external events, control messages).</param>
/// <param name="Event">The event delivered as a new event of the next episode.</param>
/// <param name="VisibleAt">When it may be delivered (timers); null for now.</param>
public sealed record TaskMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTime? VisibleAt = null);
