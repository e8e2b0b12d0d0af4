namespace Swarm.Storage.Durable;

/// <summary>A received queue message this backend holds invisible: where it is and its current pop receipt.</summary>
internal sealed class QueuedMessageReceipt(int partition, string messageId, string popReceipt)
{
    /// <summary>The control queue index, or -1 for the work-item queue.</summary>
    public int Partition { get; } = partition;

    public string MessageId { get; } = messageId;

    /// <summary>Changes whenever the visibility is updated; the latest one deletes the message.</summary>
    public string PopReceipt { get; set; } = popReceipt;
}
