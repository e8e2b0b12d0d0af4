namespace Swarm.Storage.Queues;

/// <summary>A received message: invisible to others until <see cref="NextVisibleOn"/>; delete it with <see cref="PopReceipt"/> once handled.</summary>
public sealed class QueueMessage
{
    private readonly QueueMessageBody _body;

    internal QueueMessage(string messageId, string popReceipt, QueueMessageBody body, long dequeueCount, DateTimeOffset insertedOn, DateTimeOffset expiresOn, DateTimeOffset nextVisibleOn)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        _body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>The message id.</summary>
    public string MessageId { get; }

    /// <summary>The receipt for deleting or updating this delivery of the message.</summary>
    public string PopReceipt { get; }

    /// <summary>The decoded body; <see cref="FormatException"/> when it is not valid for the client's encoding (delete such a message by id and receipt).</summary>
    public BinaryData Body => _body.Decode(MessageId);

    /// <summary>The text as stored on the queue (base64 when the encoding is Base64).</summary>
    public string MessageText => _body.Text;

    /// <summary>How many times the message has been received, this time included: the poison-message count.</summary>
    public long DequeueCount { get; }

    /// <summary>When it was enqueued.</summary>
    public DateTimeOffset InsertedOn { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>When it becomes visible to other receivers unless deleted or updated.</summary>
    public DateTimeOffset NextVisibleOn { get; }
}
