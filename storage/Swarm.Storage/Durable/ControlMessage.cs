namespace Swarm.Storage.Durable;

/// <summary>The JSON body of a control-queue message: one history event for one instance.</summary>
/// <param name="InstanceId">The receiving instance.</param>
/// <param name="ExecutionId">The execution it is meant for, or null for any.</param>
/// <param name="Event">The serialized event, unless it is in <paramref name="EventBlob"/>.</param>
/// <param name="EventBlob">The payload blob holding the serialized event when it was too large for the queue.</param>
/// <param name="VisibleAt">When the event may be delivered (timers), or null.</param>
internal sealed record ControlMessage(string InstanceId, string? ExecutionId, string? Event, string? EventBlob, DateTime? VisibleAt);
