namespace Swarm.Storage.Durable;

/// <summary>What an activity work item holds: its invisible work-item message and the body it was queued with.</summary>
internal sealed class ActivityLease(QueuedMessageReceipt message, WorkItemMessage body)
{
    public QueuedMessageReceipt Message { get; } = message;

    public WorkItemMessage Body { get; } = body;
}
