using System.Globalization;
using Azure;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;
using Swarm.Storage.Tables;

namespace Swarm.Storage.Durable;

public sealed partial class AzureStorageDurableBackend
{
    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        if (await LockBufferedAsync(lockDuration, cancellationToken).ConfigureAwait(false) is { } buffered)
        {
            return buffered;
        }

        var visibility = VisibilityFor(lockDuration);
        foreach (var partition in PartitionsToPoll())
        {
            var received = (await _control[partition].ReceiveMessagesAsync(ReceiveBatch, visibility, cancellationToken).ConfigureAwait(false)).Value;
            if (received.Length == ReceiveBatch)
            {
                // A full batch: there is probably more, so the next attempt looks here again.
                Interlocked.Or(ref _hintedPartitions, 1 << partition);
            }

            if (received.Length == 0)
            {
                continue;
            }

            var now = UtcNow;
            foreach (var group in received
                         .Select(m => (Receipt: new QueuedMessageReceipt(partition, m.MessageId, m.PopReceipt), Body: Parse(m.Body)))
                         .GroupBy(m => m.Body?.InstanceId ?? string.Empty))
            {
                _received.Add(new ReceivedGroup(partition, group.Key, group.ToList(), now));
            }

            if (await LockBufferedAsync(lockDuration, cancellationToken).ConfigureAwait(false) is { } item)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>
    /// The control queues one lock attempt reads, all of them: first those this process just wrote to, then the rest
    /// starting at a rotating offset so concurrent pollers spread over the partitions.
    /// </summary>
    private List<int> PartitionsToPoll()
    {
        var hinted = Interlocked.Exchange(ref _hintedPartitions, 0);
        var partitions = new List<int>(_control.Length);
        for (var p = 0; p < _control.Length; p++)
        {
            if ((hinted & (1 << p)) != 0)
            {
                partitions.Add(p);
            }
        }

        var start = (int)((uint)Interlocked.Increment(ref _nextPartition) % (uint)_control.Length);
        for (var i = 0; i < _control.Length; i++)
        {
            var p = (start + i) % _control.Length;
            if (!partitions.Contains(p))
            {
                partitions.Add(p);
            }
        }

        return partitions;
    }

    private static ControlMessage? Parse(BinaryData body)
    {
        try
        {
            return DurableJson.DeserializeBody<ControlMessage>(body.ToString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }

    private async Task<OrchestrationWorkItem?> LockBufferedAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        while (_received.TakeNext(UtcNow, UtcNow + VisibilityFor(lockDuration)) is { } group)
        {
            LockAttempt attempt = default;
            try
            {
                attempt = await TryLockAsync(group, lockDuration, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (attempt.Deferred is { } deferred)
                {
                    _received.Defer(deferred);
                }

                if (attempt.Item is null && _received.Release(group.InstanceId, offerWaiting: attempt.Deferred is null))
                {
                    _orchestrationSignal.Signal();
                }
            }

            if (attempt.Item is { } item)
            {
                _received.Extend(item.InstanceId, item.LockedUntil);
                return item;
            }
        }

        return null;
    }

    /// <summary>The outcome of one lock attempt: a work item, and messages to hold back until the instance's start arrives.</summary>
    private readonly record struct LockAttempt(OrchestrationWorkItem? Item, ReceivedGroup? Deferred);

    /// <summary>Ends this process's hold on an instance and offers the messages that waited for it.</summary>
    private void EndClaim(string instanceId)
    {
        if (_received.Release(instanceId, offerWaiting: true))
        {
            _orchestrationSignal.Signal();
        }
    }

    private async Task<LockAttempt> TryLockAsync(ReceivedGroup group, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var messages = group.Messages;
        if (now - group.ReceivedAt > VisibilityFor(lockDuration) / 2)
        {
            // Held in the buffer for a while: renew the invisibility so the lock below really lasts lockDuration.
            messages = await ExtendAsync(messages, VisibilityFor(lockDuration), cancellationToken).ConfigureAwait(false);
        }

        var drop = new List<QueuedMessageReceipt>();
        var (row, etag) = group.InstanceId.Length == 0 ? (null, default) : await ReadRowAsync(group.InstanceId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            // Unreadable, or for an instance that does not exist (purged, never created): dropped, as in Durable Task.
            await DeleteAllAsync(messages.Select(m => m.Receipt), cancellationToken).ConfigureAwait(false);
            return default;
        }

        if (InstanceRow.IsLocked(row, now))
        {
            // Judged only once the holder has committed: its episode may start a new execution these messages belong to.
            await ReleaseAsync(messages.Select(m => m.Receipt), _options.BusyInstanceRetryDelay, cancellationToken).ConfigureAwait(false);
            return default;
        }

        var status = InstanceRow.StatusOf(row);
        var executionId = row.GetString(InstanceRow.ExecutionId);
        var consumed = InstanceRow.ConsumedIds(row);
        var deliver = new List<(QueuedMessageReceipt Receipt, TaskMessage Message)>();
        var later = new List<QueuedMessageReceipt>();
        foreach (var (receipt, body) in messages)
        {
            if (body is null || consumed.Contains(receipt.MessageId) || status.IsTerminal()
                || (body.ExecutionId is not null && body.ExecutionId != executionId))
            {
                drop.Add(receipt);
                continue;
            }

            if (body.VisibleAt is { } at && at > now.AddSeconds(1))
            {
                // A timer beyond the queue's seven-day delay surfaced early: queue the rest of its wait.
                await SendRawAsync(receipt.Partition, body, cancellationToken).ConfigureAwait(false);
                drop.Add(receipt);
                continue;
            }

            var events = await ReadEventsAsync(body, now, cancellationToken).ConfigureAwait(false);
            if (events.Any(e => e is ExecutionStartedEvent) && InstanceRow.Int(row, InstanceRow.HistoryCount) > 0)
            {
                // This execution has started already: a second start is a redelivered duplicate.
                drop.Add(receipt);
                continue;
            }

            if (status == OrchestrationStatus.Pending && !events.Any(e => e is ExecutionStartedEvent))
            {
                later.Add(receipt);
                continue;
            }

            deliver.AddRange(events.Select(e => (receipt, new TaskMessage(body.InstanceId, body.ExecutionId, e, body.VisibleAt))));
        }

        await DeleteAllAsync(drop, cancellationToken).ConfigureAwait(false);

        // Queues do not keep order. An execution must see its ExecutionStarted first: events that overtook it wait in
        // memory (not on the queue, where later events could overtake them again), and the start — with the events
        // ContinueAsNew carried over, which travel in its message — leads the episode; the rest follow in sending order.
        var starts = deliver.Count(d => d.Message.Event is ExecutionStartedEvent);
        if (InstanceRow.Int(row, InstanceRow.HistoryCount) == 0 && starts == 0)
        {
            later.AddRange(deliver.Select(d => d.Receipt).Distinct());
            deliver.Clear();
        }

        var sentAt = messages.Where(m => m.Body is not null).GroupBy(m => m.Receipt).ToDictionary(g => g.Key, g => g.First().Body!.SentAt);
        var leading = deliver.FirstOrDefault(d => d.Message.Event is ExecutionStartedEvent).Receipt;
        deliver = [.. deliver.OrderBy(d => d.Receipt == leading ? 0 : 1).ThenBy(d => sentAt.GetValueOrDefault(d.Receipt))];
        var deferred = later.Count == 0 ? null : group with
        {
            Messages = messages.Where(m => later.Contains(m.Receipt)).ToList(),
        };

        var duplicates = new List<QueuedMessageReceipt>();
        deliver = await WithoutDuplicateResultsAsync(group.InstanceId, row, deliver, duplicates, cancellationToken).ConfigureAwait(false);
        await DeleteAllAsync(duplicates, cancellationToken).ConfigureAwait(false);
        if (deliver.Count == 0)
        {
            return new LockAttempt(null, deferred);
        }

        var token = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var lockedUntil = now + lockDuration;
        row[InstanceRow.LockToken] = token;
        row[InstanceRow.LockedUntil] = new DateTimeOffset(lockedUntil);
        row[InstanceRow.DispatchCount] = InstanceRow.Int(row, InstanceRow.DispatchCount) + 1;
        if (await TryReplaceRowAsync(row, etag, cancellationToken).ConfigureAwait(false) is not { } locked)
        {
            // Another worker locked or changed the instance first; its messages come back shortly.
            await ReleaseAsync(later.Concat(deliver.Select(d => d.Receipt)).Distinct(), _options.BusyInstanceRetryDelay, cancellationToken).ConfigureAwait(false);
            return default;
        }

        return new LockAttempt(new OrchestrationWorkItem
        {
            InstanceId = group.InstanceId,
            ExecutionId = executionId ?? string.Empty,
            Name = row.GetString(InstanceRow.Name) ?? string.Empty,
            Status = status,
            HistoryCount = InstanceRow.Int(row, InstanceRow.HistoryCount),
            Messages = deliver.Select(d => d.Message).ToArray(),
            LockToken = token,
            LockedUntil = lockedUntil,
            DispatchCount = InstanceRow.Int(row, InstanceRow.DispatchCount),
            LastError = row.GetString(InstanceRow.LastError),
            Receipt = new OrchestrationLease(deliver.Select(d => d.Receipt).Distinct().ToArray(), locked),
        }, deferred);
    }

    /// <summary>
    /// Drops results the history already holds (or that appear twice in one episode): an episode re-run after a crash
    /// before its commit queues its activities again, and their second results must not become second history events.
    /// </summary>
    private async Task<List<(QueuedMessageReceipt Receipt, TaskMessage Message)>> WithoutDuplicateResultsAsync(
        string instanceId, TableEntity row, List<(QueuedMessageReceipt Receipt, TaskMessage Message)> deliver, List<QueuedMessageReceipt> drop, CancellationToken cancellationToken)
    {
        if (!deliver.Any(d => ResultKey(d.Message.Event) is not null))
        {
            return deliver;
        }

        var seen = new HashSet<(char, int)>();
        var count = InstanceRow.Int(row, InstanceRow.HistoryCount);
        if (count > 0)
        {
            try
            {
                foreach (var stored in await ReadHistoryAsync(instanceId, row.GetString(InstanceRow.ExecutionId) ?? string.Empty, count, cancellationToken).ConfigureAwait(false))
                {
                    if (ResultKey(stored) is { } key)
                    {
                        seen.Add(key);
                    }
                }
            }
            catch (HistoryCorruptedException)
            {
                // The episode will fail the instance with the corruption; nothing to compare against here.
                return deliver;
            }
        }

        var kept = new List<(QueuedMessageReceipt Receipt, TaskMessage Message)>(deliver.Count);
        foreach (var item in deliver)
        {
            if (ResultKey(item.Message.Event) is { } key && !seen.Add(key))
            {
                drop.Add(item.Receipt);
                continue;
            }

            kept.Add(item);
        }

        return kept;
    }

    private static (char Kind, int Id)? ResultKey(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompletedEvent e => ('t', e.TaskScheduledId),
        TaskFailedEvent e => ('t', e.TaskScheduledId),
        SubOrchestrationInstanceCompletedEvent e => ('s', e.TaskScheduledId),
        SubOrchestrationInstanceFailedEvent e => ('s', e.TaskScheduledId),
        TimerFiredEvent e => ('f', e.TimerId),
        _ => null,
    };

    private async Task<IReadOnlyList<HistoryEvent>> ReadEventsAsync(ControlMessage body, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            var events = body.EventsBlob is { } blob
                ? DurableJson.DeserializeBody<string[]>(await _payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false)) ?? []
                : body.Events ?? [];
            return events.Select(json => HistoryJson.Deserialize(json, body.InstanceId)).ToArray();
        }
        catch (Exception e) when (e is HistoryCorruptedException or RequestFailedException or System.Text.Json.JsonException)
        {
            // An unreadable message is delivered as a generic event so the episode can fail the instance clearly.
            return [new GenericEvent(-1, now, "corrupt message: " + e.Message)];
        }
    }

    private async Task SendRawAsync(int partition, ControlMessage body, CancellationToken cancellationToken) =>
        await _control[partition].SendMessageAsync(DurableJson.SerializeBody(body), Delay(body.VisibleAt), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);

    private async Task<List<(QueuedMessageReceipt Receipt, ControlMessage? Body)>> ExtendAsync(
        List<(QueuedMessageReceipt Receipt, ControlMessage? Body)> messages, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var kept = new List<(QueuedMessageReceipt, ControlMessage?)>();
        foreach (var message in messages)
        {
            if (await TryUpdateVisibilityAsync(message.Receipt, visibility, cancellationToken).ConfigureAwait(false))
            {
                kept.Add(message);
            }
        }

        return kept;
    }

    /// <summary>Changes a held message's visibility; false when the receipt is stale (another receiver has it now, or it is gone).</summary>
    private async Task<bool> TryUpdateVisibilityAsync(QueuedMessageReceipt receipt, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var queue = receipt.Partition < 0 ? _workItems : _control[receipt.Partition];
        try
        {
            var update = await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, null, visibility, cancellationToken).ConfigureAwait(false);
            receipt.PopReceipt = update.Value.PopReceipt;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            return false;
        }
    }

    private Task ReleaseAsync(IEnumerable<QueuedMessageReceipt> receipts, TimeSpan delay, CancellationToken cancellationToken) =>
        Task.WhenAll(receipts.Select(r => TryUpdateVisibilityAsync(r, delay, cancellationToken)));

    private Task DeleteAllAsync(IEnumerable<QueuedMessageReceipt> receipts, CancellationToken cancellationToken) =>
        Task.WhenAll(receipts.Select(async receipt =>
        {
            var queue = receipt.Partition < 0 ? _workItems : _control[receipt.Partition];
            try
            {
                await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // Already gone, or redelivered to another receiver: the instance row remembers it was consumed.
            }
        }));

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(completion);
        var lease = workItem.Receipt as OrchestrationLease ?? throw new ArgumentException("The work item was not locked by this backend.", nameof(workItem));
        try
        {
            await CompleteAsync(workItem, lease, completion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EndClaim(workItem.InstanceId);
        }
    }

    private async Task CompleteAsync(OrchestrationWorkItem workItem, OrchestrationLease lease, OrchestrationCompletion completion, CancellationToken cancellationToken)
    {
        var (row, etag) = await ReadRowAsync(workItem.InstanceId, cancellationToken).ConfigureAwait(false);
        var now = UtcNow;
        if (row is null || row.GetString(InstanceRow.LockToken) != workItem.LockToken || InstanceRow.Time(row, InstanceRow.LockedUntil) is not { } until || until <= now)
        {
            throw new WorkItemLockLostException($"The lock on instance '{workItem.InstanceId}' expired before its episode was stored.");
        }

        // (1) Outgoing work first: a crash after this re-runs the episode, which queues the same work again.
        foreach (var activity in completion.Activities)
        {
            await SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
        }

        // A new execution's first events (its start, then what ContinueAsNew carried over) travel as one message, so
        // nothing can overtake or split them.
        var opening = completion.ResetHistory && completion.NewExecutionId is { } next
            ? completion.Messages.Where(m => m.InstanceId == workItem.InstanceId && m.ExecutionId == next && m.VisibleAt is null).ToList()
            : [];
        if (opening.Count > 0)
        {
            await SendControlAsync(workItem.InstanceId, completion.NewExecutionId, opening.Select(m => m.Event).ToArray(), null, cancellationToken).ConfigureAwait(false);
        }

        var sent = new HashSet<TaskMessage>(opening, ReferenceEqualityComparer.Instance);
        foreach (var message in completion.Messages.Where(m => !sent.Contains(m)))
        {
            await RouteAsync(workItem.InstanceId, message, now, cancellationToken).ConfigureAwait(false);
        }

        // (2) History beyond the committed count: invisible to readers until the row says otherwise.
        var executionId = completion.NewExecutionId ?? workItem.ExecutionId;
        var start = completion.ResetHistory ? 0 : workItem.HistoryCount;
        await WriteHistoryAsync(workItem.InstanceId, executionId, start, completion.AppendedHistory, cancellationToken).ConfigureAwait(false);

        // (3) The commit point.
        if (completion.Status is { } status)
        {
            row[InstanceRow.Status] = status.ToString();
            row[InstanceRow.ExecutionId] = executionId;
            row[InstanceRow.HistoryCount] = start + completion.AppendedHistory.Count;
            row[InstanceRow.LastUpdatedAt] = new DateTimeOffset(now);
            row[InstanceRow.CompletedAt] = status.IsTerminal() ? new DateTimeOffset(now) : null;
            await SetLargeAsync(row, InstanceRow.Output, completion.Output, cancellationToken).ConfigureAwait(false);
            await SetLargeAsync(row, InstanceRow.CustomStatus, completion.CustomStatus, cancellationToken).ConfigureAwait(false);
            await SetLargeAsync(row, InstanceRow.Failure, HistoryJson.Serialize(completion.FailureDetails), cancellationToken).ConfigureAwait(false);
            if (completion.Input is not null)
            {
                await SetLargeAsync(row, InstanceRow.Input, completion.Input, cancellationToken).ConfigureAwait(false);
            }
        }

        InstanceRow.ClearLock(row);
        row[InstanceRow.DispatchCount] = 0;
        row[InstanceRow.LastError] = null;
        InstanceRow.RememberConsumed(row, lease.Messages.Select(m => m.MessageId));
        if (await TryReplaceRowAsync(row, etag, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new WorkItemLockLostException($"Instance '{workItem.InstanceId}' changed while its episode was being stored; the episode will run again.");
        }

        // (4) Clean-up; a failure here only leaves messages the row already remembers as consumed.
        await DeleteAllAsync(lease.Messages, cancellationToken).ConfigureAwait(false);
        if (completion.ResetHistory && completion.NewExecutionId is not null && completion.NewExecutionId != workItem.ExecutionId)
        {
            await DeleteExecutionHistoryAsync(workItem.InstanceId, workItem.ExecutionId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteHistoryAsync(string instanceId, string executionId, int start, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var row = new TableEntity(instanceId, TaskHubLayout.HistoryRowKey(executionId, start + i))
            {
                ["EventType"] = events[i].GetType().Name,
            };
            var json = HistoryJson.Serialize(events[i]);
            if (json.Length <= _options.MaxTablePropertyChars)
            {
                row["Event"] = json;
            }
            else
            {
                row["EventBlob"] = await _payloads.UploadAsync(instanceId, json, cancellationToken).ConfigureAwait(false);
            }

            rows.Add(row);
        }

        // Upserts at fixed sequence numbers: writing the same episode twice stores it once.
        foreach (var chunk in rows.Chunk(100))
        {
            await _history.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteExecutionHistoryAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {executionId + "."} and RowKey lt {executionId + "/"}");
        var rows = new List<TableEntity>();
        await foreach (var row in _history.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await _history.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers one outgoing message: creates sub-orchestrations, drops messages to instances that are gone or finished.</summary>
    private async Task RouteAsync(string sender, TaskMessage message, DateTime now, CancellationToken cancellationToken)
    {
        if (string.Equals(message.InstanceId, sender, StringComparison.Ordinal))
        {
            await SendControlAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (target, etag) = await ReadRowAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
        if (message.Event is ExecutionStartedEvent start)
        {
            if (target is not null && !InstanceRow.StatusOf(target).IsTerminal())
            {
                // The same episode stored once already (a crash before its commit) created this child: nothing to do.
                if (target.GetString(InstanceRow.ParentInstanceId) == sender
                    && target.GetString(InstanceRow.ExecutionId) == start.OrchestrationInstance.ExecutionId)
                {
                    return;
                }

                if (start.ParentInstance is { } parent)
                {
                    var failure = new TaskFailureDetails(
                        RuntimeErrorTypes.InstanceAlreadyExists,
                        $"A sub-orchestration with instance id '{message.InstanceId}' is already {InstanceRow.StatusOf(target)}.",
                        IsNonRetriable: true);
                    await SendControlAsync(
                        new TaskMessage(parent.OrchestrationInstance.InstanceId, parent.OrchestrationInstance.ExecutionId, new SubOrchestrationInstanceFailedEvent(-1, now, parent.TaskScheduledId, failure)),
                        cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            await TryCreateOrReplaceAsync(start, target is null ? null : etag, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (target is not null && !InstanceRow.StatusOf(target).IsTerminal())
        {
            await SendControlAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var lease = workItem.Receipt as OrchestrationLease ?? throw new ArgumentException("The work item was not locked by this backend.", nameof(workItem));
        var (row, etag) = await ReadRowAsync(workItem.InstanceId, cancellationToken).ConfigureAwait(false);
        if (row is not null && row.GetString(InstanceRow.LockToken) == workItem.LockToken)
        {
            InstanceRow.ClearLock(row);
            row[InstanceRow.LastError] = error is { Length: > 8000 } ? error[..8000] : error;
            await TryReplaceRowAsync(row, etag, cancellationToken).ConfigureAwait(false);
        }

        await ReleaseAsync(lease.Messages, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        foreach (var message in lease.Messages)
        {
            Interlocked.Or(ref _hintedPartitions, 1 << message.Partition);
        }

        EndClaim(workItem.InstanceId);
        _orchestrationSignal.Signal();
    }

    /// <inheritdoc />
    public async Task<DateTime> RenewOrchestrationWorkItemLockAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var lease = workItem.Receipt as OrchestrationLease ?? throw new ArgumentException("The work item was not locked by this backend.", nameof(workItem));
        var (row, etag) = await ReadRowAsync(workItem.InstanceId, cancellationToken).ConfigureAwait(false);
        var now = UtcNow;
        if (row is null || row.GetString(InstanceRow.LockToken) != workItem.LockToken || InstanceRow.Time(row, InstanceRow.LockedUntil) is not { } held || held <= now)
        {
            EndClaim(workItem.InstanceId);
            throw new WorkItemLockLostException($"The lock on instance '{workItem.InstanceId}' was lost.");
        }

        var until = now + lockDuration;
        row[InstanceRow.LockedUntil] = new DateTimeOffset(until);
        if (await TryReplaceRowAsync(row, etag, cancellationToken).ConfigureAwait(false) is not { } renewed)
        {
            throw new WorkItemLockLostException($"The lock on instance '{workItem.InstanceId}' was lost.");
        }

        lease.RowETag = renewed;
        _received.Extend(workItem.InstanceId, until);
        foreach (var message in lease.Messages)
        {
            if (!await TryUpdateVisibilityAsync(message, VisibilityFor(lockDuration), cancellationToken).ConfigureAwait(false))
            {
                throw new WorkItemLockLostException($"A message of instance '{workItem.InstanceId}' was taken by another worker.");
            }
        }

        return until;
    }
}
