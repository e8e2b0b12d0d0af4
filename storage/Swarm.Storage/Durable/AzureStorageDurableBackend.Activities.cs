using System.Text;
using Azure;
using Swarm.Durable.Backend;

namespace Swarm.Storage.Durable;

public sealed partial class AzureStorageDurableBackend
{
    private async Task SendActivityAsync(ActivityMessage activity, CancellationToken cancellationToken)
    {
        string? input = activity.Input;
        string? blob = null;
        if (input is not null && Encoding.UTF8.GetByteCount(input) > _options.MaxQueuePayloadBytes)
        {
            blob = await _payloads.UploadAsync(activity.InstanceId, input, cancellationToken).ConfigureAwait(false);
            input = null;
        }

        var body = new WorkItemMessage(activity.InstanceId, activity.ExecutionId, activity.TaskId, activity.Name, activity.Version, input, blob, null);
        await _workItems.SendMessageAsync(DurableJson.SerializeBody(body), null, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        _activitySignal.Signal();
    }

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        var visibility = VisibilityFor(lockDuration);
        while (true)
        {
            var message = (await _workItems.ReceiveMessageAsync(visibility, cancellationToken).ConfigureAwait(false)).Value;
            if (message is null)
            {
                return null;
            }

            var receipt = new QueuedMessageReceipt(-1, message.MessageId, message.PopReceipt);
            WorkItemMessage? body;
            try
            {
                body = DurableJson.DeserializeBody<WorkItemMessage>(message.Body.ToString());
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
            {
                body = null;
            }

            if (body is null)
            {
                // Not a work item this backend wrote: it can never run, so it is removed rather than retried forever.
                await DeleteAllAsync([receipt], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var input = body.InputBlob is { } blob ? await _payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false) : body.Input;
            return new ActivityWorkItem
            {
                InstanceId = body.InstanceId,
                ExecutionId = body.ExecutionId,
                TaskId = body.TaskId,
                Name = body.Name,
                Version = body.Version,
                Input = input,
                LockToken = message.MessageId,
                LockedUntil = UtcNow + lockDuration,
                DispatchCount = (int)Math.Min(message.DequeueCount, int.MaxValue),
                LastError = body.LastError,
                Receipt = new ActivityLease(receipt, body),
            };
        }
    }

    /// <inheritdoc />
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var lease = Lease(workItem);

        // Prove the message is still ours before the result leaves: a lost lock stores nothing.
        if (!await TryUpdateVisibilityAsync(lease.Message, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
        {
            throw new WorkItemLockLostException($"The lock on activity '{workItem.Name}' of instance '{workItem.InstanceId}' was lost.");
        }

        await SendControlAsync(result, cancellationToken).ConfigureAwait(false);
        await DeleteAllAsync([lease.Message], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var lease = Lease(workItem);
        var body = lease.Body with { LastError = error is { Length: > 8000 } ? error[..8000] : error };
        try
        {
            var update = await _workItems.UpdateMessageAsync(
                lease.Message.MessageId, lease.Message.PopReceipt, BinaryData.FromString(DurableJson.SerializeBody(body)), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            lease.Message.PopReceipt = update.Value.PopReceipt;
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            // The lock was lost already: the message is someone else's or will reappear by itself.
        }

        _activitySignal.Signal();
    }

    /// <inheritdoc />
    public async Task<DateTime> RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!await TryUpdateVisibilityAsync(Lease(workItem).Message, VisibilityFor(lockDuration), cancellationToken).ConfigureAwait(false))
        {
            throw new WorkItemLockLostException($"The lock on activity '{workItem.Name}' of instance '{workItem.InstanceId}' was lost.");
        }

        return UtcNow + lockDuration;
    }

    private static ActivityLease Lease(ActivityWorkItem workItem) =>
        workItem.Receipt as ActivityLease ?? throw new ArgumentException("The work item was not locked by this backend.", nameof(workItem));
}
