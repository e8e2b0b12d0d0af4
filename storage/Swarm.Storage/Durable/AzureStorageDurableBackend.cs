using System.Text;
using Azure;
using Swarm.Durable;
using Swarm.Durable.Backend;
using Swarm.Durable.History;
using Swarm.Storage.Blobs;
using Swarm.Storage.Queues;
using Swarm.Storage.Tables;

namespace Swarm.Storage.Durable;

/// <summary>
/// The durable backend on Azure Storage (or Azurite), laid out the way Durable Functions' Azure Storage provider lays out
/// a task hub: an Instances table, a History table partitioned by instance id, control queues partitioned by a hash of the
/// instance id, a work-item queue for activities and a container for payloads too large for a message or a row.
/// </summary>
/// <remarks>
/// <para><b>Locks.</b> An orchestration work item holds its control-queue messages invisible for the lock duration and owns
/// the instance row through a lock token written with <c>If-Match</c> on the row's ETag, so two workers never run the same
/// instance. An activity work item is its invisible work-item message; its pop receipt proves the lock.</para>
/// <para><b>Ordered, idempotent completion.</b> An episode is stored in this order: (1) outgoing activity and orchestration
/// messages are queued; (2) new history rows are upserted at their sequence numbers, beyond the committed count so readers
/// do not see them yet; (3) the instance row is replaced with <c>If-Match</c>: the commit point, which also records the new
/// history count and the ids of the consumed messages; (4) the consumed messages are deleted. A crash before (3) leaves the
/// messages to be delivered again and the episode to be re-run, overwriting the same history rows; a crash after (3) leaves
/// messages whose ids the row remembers, which are dropped on delivery. No history event is lost or stored twice; an
/// outgoing message can be queued twice, and activity results for a task the history already completed are dropped.</para>
/// <para><b>Order.</b> Queues do not keep order, so each message carries its send time; within a process one lock attempt or
/// episode handles an instance at a time, events that arrive before the instance's start wait in memory, and an episode
/// receives its events in sending order (a new execution's start, with the events ContinueAsNew carried over, first).</para>
/// <para><b>Ownership.</b> Ownership is per instance (the ETag-guarded row lock), not per control queue: any number of
/// workers may poll the same queues, and a dead worker's instances move to another as soon as their locks expire. Unlike
/// Durable Functions' provider, no blob leases pin control queues to workers.</para>
/// </remarks>
public sealed partial class AzureStorageDurableBackend : IDurableBackend
{
    private const int ReceiveBatch = 32;
    private static readonly TimeSpan MaxQueueDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private readonly AzureStorageDurableBackendOptions _options;
    private readonly TaskHubLayout _layout;
    private readonly TableClient _instances;
    private readonly TableClient _history;
    private readonly QueueClient[] _control;
    private readonly QueueClient _workItems;
    private readonly PayloadStore _payloads;
    private readonly WorkSignal _orchestrationSignal = new();
    private readonly WorkSignal _activitySignal = new();
    private readonly ReceivedMessageBuffer _received = new();
    private int _nextPartition;

    // Control queues this process has just written to (one bit per partition): looked at first by the next lock attempt.
    private int _hintedPartitions;

    /// <summary>A backend on the storage account of <paramref name="connectionString"/>.</summary>
    public AzureStorageDurableBackend(string connectionString, AzureStorageDurableBackendOptions? options = null)
        : this(new TableServiceClient(connectionString), new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
            new BlobServiceClient(connectionString), options)
    {
    }

    /// <summary>A backend on the given service clients (e.g. from <see cref="StorageConnection"/> for managed identity).</summary>
    public AzureStorageDurableBackend(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, AzureStorageDurableBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        _options = options ?? new AzureStorageDurableBackendOptions();
        _layout = new TaskHubLayout(_options.TaskHubName, _options.PartitionCount);
        _instances = tables.GetTableClient(_layout.InstancesTable);
        _history = tables.GetTableClient(_layout.HistoryTable);
        _control = _layout.ControlQueues.Select(queues.GetQueueClient).ToArray();
        _workItems = queues.GetQueueClient(_layout.WorkItemQueue);
        _payloads = new PayloadStore(blobs.GetBlobContainerClient(_layout.PayloadContainer));
    }

    private static DateTime UtcNow => DateTime.UtcNow;

    /// <inheritdoc />
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await _instances.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _history.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var queue in _control.Append(_workItems))
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await _payloads.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        (kind == WorkItemKind.Orchestration ? _orchestrationSignal : _activitySignal).WaitAsync(maxWait, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(TableEntity? Row, ETag ETag)> ReadRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (response.Value, response.Value!.ETag) : (null, default);
    }

    /// <summary>Replaces the row if it is still at <paramref name="etag"/>; false when someone changed it first.</summary>
    private async Task<ETag?> TryReplaceRowAsync(TableEntity row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _instances.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="value"/> in the row, or in a payload blob referenced from <c>{column}Blob</c> when too long.</summary>
    private async Task SetLargeAsync(TableEntity row, string column, string? value, CancellationToken cancellationToken)
    {
        row[column] = null;
        row[column + "Blob"] = null;
        if (value is null)
        {
            return;
        }

        if (value.Length <= _options.MaxTablePropertyChars)
        {
            row[column] = value;
            return;
        }

        row[column + "Blob"] = await _payloads.UploadAsync(row.PartitionKey, value, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> GetLargeAsync(TableEntity row, string column, CancellationToken cancellationToken) =>
        row.GetString(column + "Blob") is { } blob
            ? await _payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false)
            : row.GetString(column);

    /// <summary>Queues one event for an instance on its control queue, offloading a large event to a blob.</summary>
    private Task SendControlAsync(TaskMessage message, CancellationToken cancellationToken) =>
        SendControlAsync(message.InstanceId, message.ExecutionId, [message.Event], message.VisibleAt, cancellationToken);

    /// <summary>Queues events that must be delivered together and in this order as one control-queue message.</summary>
    private async Task SendControlAsync(string instanceId, string? executionId, IReadOnlyList<HistoryEvent> events, DateTime? visibleAt, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? inline = events.Select(HistoryJson.Serialize).ToArray();
        string? blob = null;
        if (inline.Sum(e => Encoding.UTF8.GetByteCount(e)) > _options.MaxQueuePayloadBytes)
        {
            blob = await _payloads.UploadAsync(instanceId, DurableJson.SerializeBody(inline), cancellationToken).ConfigureAwait(false);
            inline = null;
        }

        var body = DurableJson.SerializeBody(new ControlMessage(instanceId, executionId, inline, blob, visibleAt, UtcNow.Ticks));
        var partition = _layout.PartitionOf(instanceId);
        var delay = Delay(visibleAt);
        await _control[partition].SendMessageAsync(body, delay, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        if (delay is null)
        {
            Interlocked.Or(ref _hintedPartitions, 1 << partition);
            _orchestrationSignal.Signal();
        }
    }

    private static TimeSpan? Delay(DateTime? visibleAt)
    {
        if (visibleAt is not { } at)
        {
            return null;
        }

        var delay = at.ToUniversalTime() - UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            return null;
        }

        // Queue delays are whole seconds and at most seven days; a later timer is re-queued when it surfaces.
        var seconds = Math.Ceiling(Math.Min(delay.TotalSeconds, MaxQueueDelay.TotalSeconds));
        return TimeSpan.FromSeconds(seconds);
    }

    private static TimeSpan VisibilityFor(TimeSpan lockDuration) =>
        TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(lockDuration.TotalSeconds), 1, TimeSpan.FromDays(7).TotalSeconds));

    private async Task<OrchestrationMetadata> MetadataAsync(TableEntity row, bool includePayloads, CancellationToken cancellationToken) => new()
    {
        InstanceId = row.PartitionKey,
        Name = row.GetString(InstanceRow.Name) ?? string.Empty,
        RuntimeStatus = InstanceRow.StatusOf(row),
        ExecutionId = row.GetString(InstanceRow.ExecutionId),
        CreatedAt = InstanceRow.Time(row, InstanceRow.CreatedAt) ?? default,
        LastUpdatedAt = InstanceRow.Time(row, InstanceRow.LastUpdatedAt) ?? default,
        CompletedAt = InstanceRow.Time(row, InstanceRow.CompletedAt),
        ScheduledStartAt = InstanceRow.Time(row, InstanceRow.ScheduledStartAt),
        ParentInstanceId = row.GetString(InstanceRow.ParentInstanceId),
        SerializedInput = includePayloads ? await GetLargeAsync(row, InstanceRow.Input, cancellationToken).ConfigureAwait(false) : null,
        SerializedOutput = includePayloads ? await GetLargeAsync(row, InstanceRow.Output, cancellationToken).ConfigureAwait(false) : null,
        SerializedCustomStatus = includePayloads ? await GetLargeAsync(row, InstanceRow.CustomStatus, cancellationToken).ConfigureAwait(false) : null,
        FailureDetails = HistoryJson.DeserializeFailure(await GetLargeAsync(row, InstanceRow.Failure, cancellationToken).ConfigureAwait(false)),
    };
}
