using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Intake;

/// <summary>
/// The job queue on an Azure Storage queue (Azurite locally): the visibility timeout is the peek-lock, the dequeue
/// count the delivery count, and a message is deleted only when it is completed.
/// </summary>
/// <remarks>
/// <para>A storage queue has no message properties, so each message is an envelope
/// <c>{"messageId", "contentType", "traceParent", "body"}</c> (the body as text), base64-encoded as the Functions
/// queue trigger expects. A message that is not such an envelope is taken as a bare job body whose message id is
/// the queue's own id; a message that is not base64 is handed over as its raw text, so the intake rejects it
/// with its body rather than losing it.</para>
/// <para>The base64 step is done here, on a client without message encoding: the SDK's own decoding
/// (<see cref="QueueMessageEncoding.Base64"/>) leaves a message it cannot decode out of the receive result, where
/// nothing would record it.</para>
/// </remarks>
public sealed class StorageJobQueue : IJobQueue
{
    private const int MinLeaseSeconds = 1;
    private readonly QueueClient _queue;

    /// <summary>Uses <paramref name="queue"/>, a client with the default <see cref="QueueMessageEncoding.None"/>.</summary>
    public StorageJobQueue(QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
    }

    /// <summary>The queue <paramref name="queueName"/> of the storage account of <paramref name="connection"/>.</summary>
    /// <exception cref="InvalidOperationException">The connection names no Queue endpoint.</exception>
    public static StorageJobQueue Connect(AzureConnection connection, string queueName = IntakeOptions.DefaultQueueName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new(connection.CreateQueueServiceClient().GetQueueClient(queueName));
    }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task SendAsync(IntakeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = new JobEnvelope(message.MessageId, message.ContentType, message.TraceParent, message.Body.ToString());
        var text = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(envelope, JobEnvelope.JsonOptions));
                // A time-to-live of -1 s is the service's "never expires"; a job must not vanish unread.
        return _queue.SendMessageAsync(text, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JobQueueMessage?> ReceiveAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // The service hides a message for whole seconds, at least one.
        var seconds = Math.Max(MinLeaseSeconds, (int)Math.Ceiling(lease.TotalSeconds));
        var received = (await _queue.ReceiveMessageAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false)).Value;
        if (received is null)
        {
            return null;
        }

        var deliveries = (int)Math.Min(received.DequeueCount, int.MaxValue);
        return new JobQueueMessage(Open(received, deliveries), received.MessageId, received.PopReceipt, received.InsertedOn ?? DateTimeOffset.UtcNow);
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(JobQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _queue.DeleteMessageAsync(message.QueueMessageId, message.LeaseToken, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsLeaseLost(e))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> AbandonAsync(JobQueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delay = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 0, TimeSpan.FromDays(7).TotalSeconds));
        try
        {
            await _queue.UpdateMessageAsync(message.QueueMessageId, message.LeaseToken, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsLeaseLost(e))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) => Task.Delay(maxWait, cancellationToken);

    private static bool IsLeaseLost(RequestFailedException e) => e.Status == 404 || e.ErrorCode == "PopReceiptMismatch";

    private static IntakeMessage Open(QueueMessage received, int deliveries)
    {
        var text = received.Body.ToString();
        var decoded = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, decoded, out var length))
        {
            return new IntakeMessage(received.MessageId, received.Body, deliveries);
        }

        var bytes = BinaryData.FromBytes(decoded.AsMemory(0, length));

        try
        {
            if (JsonSerializer.Deserialize<JobEnvelope>(bytes.ToMemory().Span, JobEnvelope.JsonOptions) is { Body: { } body } envelope)
            {
                return new IntakeMessage(envelope.MessageId, BinaryData.FromString(body), deliveries, envelope.ContentType, envelope.TraceParent);
            }
        }
        catch (JsonException)
        {
        }
        catch (DecoderFallbackException)
        {
        }

        return new IntakeMessage(received.MessageId, bytes, deliveries);
    }
}
