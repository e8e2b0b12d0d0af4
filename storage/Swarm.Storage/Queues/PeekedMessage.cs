namespace Swarm.Storage.Queues;

/// <summary>A message seen without being received: it stays visible and has no pop receipt.</summary>
public sealed class PeekedMessage
{
    private readonly QueueMessageBody _body;

    internal PeekedMessage(string messageId, QueueMessageBody body, long dequeueCount, DateTimeOffset insertedOn, DateTimeOffset expiresOn)
    {
        MessageId = messageId;
        _body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>The message id.</summary>
    public string MessageId { get; }

    /// <summary>The decoded body; <see cref="FormatException"/> when it is not valid for the client's encoding.</summary>
    public BinaryData Body => _body.Decode(MessageId);

    /// <summary>The text as stored on the queue (base64 when the encoding is Base64).</summary>
    public string MessageText => _body.Text;

    /// <summary>How many times the message has been received.</summary>
    public long DequeueCount { get; }

    /// <summary>When it was enqueued.</summary>
    public DateTimeOffset InsertedOn { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresOn { get; }
}
