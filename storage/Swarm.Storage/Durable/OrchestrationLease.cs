using Azure;

namespace Swarm.Storage.Durable;

/// <summary>What an orchestration work item holds: its queue messages and the instance row version it locked.</summary>
internal sealed class OrchestrationLease(IReadOnlyList<QueuedMessageReceipt> messages, ETag rowETag)
{
    public IReadOnlyList<QueuedMessageReceipt> Messages { get; } = messages;

    public ETag RowETag { get; set; } = rowETag;
}
