namespace Swarm.Storage.Durable;

/// <summary>
/// The JSON body of a control-queue message: history events for one instance, delivered together and in order
/// (usually one; a new execution's ExecutionStarted travels with the events ContinueAsNew carried over).
/// </summary>
/// <param name="InstanceId">The receiving instance.</param>
/// <param name="ExecutionId">The execution they are meant for, or null for any.</param>
/// <param name="Events">The serialized events, unless they are in <paramref name="EventsBlob"/>.</param>
/// <param name="EventsBlob">The payload blob holding <paramref name="Events"/> as a JSON array when it was too large for the queue.</param>
/// <param name="VisibleAt">When the events may be delivered (timers), or null.</param>
/// <param name="SentAt">When it was queued (UTC ticks): queues do not keep order, so episodes sort by this.</param>
internal sealed record ControlMessage(string InstanceId, string? ExecutionId, IReadOnlyList<string>? Events, string? EventsBlob, DateTime? VisibleAt, long SentAt);
