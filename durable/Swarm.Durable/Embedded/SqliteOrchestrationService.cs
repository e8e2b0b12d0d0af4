using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;


/// <summary>
/// DurableTask.Core's orchestration service on one SQLite file: the embedded task hub that <c>TaskHubWorker</c> and
/// <c>TaskHubClient</c> run on when nothing else is deployed.
/// </summary>
/// <remarks>
/// <para>Every work-item completion is one transaction; completions arriving together share it (group commit).
/// Work-item locks expire after <see cref="SqliteOrchestrationServiceOptions.LockDuration"/>, so the work of a killed
/// process is picked up by the next process that opens the same file.</para>
/// <para>Orchestration work items come with an extended session, so DurableTask.Core keeps the execution cursor between
/// episodes instead of replaying the history each time.</para>
/// <para>A fault of the machine (disk full, I/O error, busy file) while locking or completing abandons the work item
/// and retries with back-off for as long as it lasts, without counting towards poison; poison is a processing failure
/// repeated <see cref="SqliteOrchestrationServiceOptions.MaxDispatchAttempts"/> times.</para>
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServiceQueryClient,
    IOrchestrationServicePurgeClient,
    IAsyncDisposable,
    IDisposable
{
    private readonly SqliteOrchestrationServiceOptions _options;
    private readonly string _connectionString;
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly WakeSignal _orchestrationWake = new();
    private readonly WakeSignal _activityWake = new();
    private readonly ConcurrentDictionary<string, WakeSignal> _finishWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqliteOrchestrationSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TaskActivityWorkItem> _lockedActivities = new();
    private readonly ConcurrentDictionary<string, byte> _environmentFaulted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _releasedHere = new(StringComparer.Ordinal);
    private readonly Lock _openLock = new();
    private TaskHubWriter? _writer;
    private int _activeActivities;
    private int _consecutiveEnvironmentFaults;
    private long _environmentFaults;
    private volatile bool _stopping;
    private bool _disposed;

    /// <summary>Creates the service over <see cref="SqliteOrchestrationServiceOptions.FilePath"/>; the file is opened on first use.</summary>
    public SqliteOrchestrationService(SqliteOrchestrationServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FilePath);
        _options = options;
        _connectionString = TaskHubSchema.ConnectionString(Path.GetFullPath(options.FilePath));
    }

    /// <summary>The settings this service runs with.</summary>
    public SqliteOrchestrationServiceOptions Options => _options;

    /// <summary>How many faults of the machine (disk full, I/O error, busy file) this service has met and retried so far.</summary>
    public long EnvironmentFaults => Interlocked.Read(ref _environmentFaults);

    /// <inheritdoc />
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskOrchestrationWorkItems => _options.MaxConcurrentOrchestrations;

    /// <inheritdoc />
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc />
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskActivityWorkItems => _options.MaxConcurrentActivities;

    private TaskHubWriter Writer
    {
        get
        {
            if (_writer is { } writer)
            {
                return writer;
            }

            lock (_openLock)
            {
                // Once disposed, a late release or renewal from a dispatcher winding down must not reopen the file.
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_writer is null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_options.FilePath))!);
                    var created = new TaskHubWriter(_connectionString, _options.MaxGroupCommit);
                    created.WriteAsync(w =>
                    {
                        w.Command(TaskHubSchema.Create).ExecuteNonQuery();
                        return 0;
                    }).GetAwaiter().GetResult();
                    _writer = created;
                }

                return _writer;
            }
        }
    }

    /// <inheritdoc />
    public Task StartAsync()
    {
        _stopping = false;
        _ = Writer;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync() => StopAsync(false);

    /// <inheritdoc />
    public async Task StopAsync(bool isForced)
    {
        _stopping = true;
        foreach (var session in _sessions.Values)
        {
            session.Wake.Set();
        }

        _orchestrationWake.Set();
        _activityWake.Set();
        // Activities locked ahead but never handed out go back at once, for whichever worker runs next.
        while (_lockedActivities.TryDequeue(out var workItem))
        {
            try
            {
                await AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
            }
            catch (Exception e) when (EnvironmentFault.Is(e))
            {
                // The lock expires by itself.
            }
        }
    }

    /// <inheritdoc />
    public Task CreateAsync() => CreateAsync(false);

    /// <inheritdoc />
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await Writer.WriteAsync(w =>
            {
                w.Command(TaskHubSchema.Drop).ExecuteNonQuery();
                w.Command(TaskHubSchema.Create).ExecuteNonQuery();
                return 0;
            }).ConfigureAwait(false);
        }

        await CreateIfNotExistsAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync() => Writer.WriteAsync(w =>
    {
        w.Command(TaskHubSchema.Create + $"PRAGMA user_version={TaskHubSchema.Version};").ExecuteNonQuery();
        return 0;
    });

    /// <inheritdoc />
    public Task DeleteAsync() => DeleteAsync(true);

    /// <inheritdoc />
    public Task DeleteAsync(bool deleteInstanceStore) => Writer.WriteAsync(w =>
    {
        w.Command(TaskHubSchema.Drop).ExecuteNonQuery();
        return 0;
    });

    /// <inheritdoc />
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => DelayAfter(exception, 0);

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => DelayAfter(exception, 1);

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        TaskHubWriter? writer;
        lock (_openLock)
        {
            _disposed = true;
            writer = Interlocked.Exchange(ref _writer, null);
        }

        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        // Only this file's pooled readers: other task hubs in the process keep theirs.
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    // ---- orchestration work items ----

    /// <inheritdoc />
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (!_stopping)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wake = _orchestrationWake.Next;
            var workItem = await TryLockOrchestrationAsync().ConfigureAwait(false);
            if (workItem is not null)
            {
                return workItem;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await WakeSignal.WaitAsync(wake, Min(remaining, _options.MaxPollInterval), cancellationToken).ConfigureAwait(false);
        }

        return null!;
    }

    private async Task<SqliteOrchestrationWorkItem?> TryLockOrchestrationAsync()
    {
        while (true)
        {
            var locked = await Tracked(Writer.WriteAsync(LockInstance)).ConfigureAwait(false);
            if (locked is null)
            {
                return null;
            }

            var (instanceId, executionId, status, dispatches) = locked.Value;
            if (dispatches > _options.MaxDispatchAttempts)
            {
                await Tracked(Writer.WriteAsync(w => PoisonInstance(w, instanceId, dispatches - 1))).ConfigureAwait(false);
                SignalFinished(instanceId);
                continue;
            }

            var now = DateTime.UtcNow;
            var (messages, ids) = ReadVisibleMessages(instanceId, now, out _);
            if (IsTerminal(status))
            {
                // Work for a finished instance (late replies, events) is dropped, as the Azure Storage provider does.
                var restart = messages.Select((m, i) => (m, i)).Where(x => x.m.Event is ExecutionStartedEvent).ToList();
                if (restart.Count == 0)
                {
                    await Tracked(Writer.WriteAsync(w => DropMessages(w, instanceId, ids))).ConfigureAwait(false);
                    continue;
                }
            }

            if (messages.Count == 0)
            {
                await Tracked(Writer.WriteAsync(w => DropMessages(w, instanceId, ids))).ConfigureAwait(false);
                continue;
            }

            var history = ReadHistory(instanceId);
            var workItem = new SqliteOrchestrationWorkItem
            {
                InstanceId = instanceId,
                OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
                NewMessages = messages,
                LockedUntilUtc = now + _options.LockDuration,
                StoredExecutionId = executionId,
                StoredEvents = history.Count,
            };
            workItem.MessageIds.AddRange(ids);
            var session = new SqliteOrchestrationSession(this, instanceId);
            session.Delivered.UnionWith(ids);
            _sessions[instanceId] = session;
            workItem.Session = session;
            return workItem;
        }
    }

    private (string InstanceId, string ExecutionId, OrchestrationStatus Status, int Dispatches)? LockInstance(TaskHubWriter w)
    {
        var now = DateTime.UtcNow.Ticks;
        var until = now + _options.LockDuration.Ticks;
        // An instance this process released while the file could not be written is still locked to us: take it back first.
        foreach (var released in _releasedHere.Keys)
        {
            if (!released.StartsWith("o:", StringComparison.Ordinal))
            {
                continue;
            }

            var id = released[2..];
            var cmd = w.Command("""
                UPDATE instances SET locked_until = $until
                WHERE instance_id = $id AND locked_by = $me AND ready IS NOT NULL AND ready <= $now
                RETURNING instance_id, execution_id, status, dispatches
                """);
            cmd.Parameters.AddWithValue("$until", until);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$me", _owner);
            cmd.Parameters.AddWithValue("$now", now);
            var result = ReadLocked(cmd);
            _releasedHere.TryRemove(released, out _);
            if (result is not null)
            {
                return result;
            }
        }

        var lockNext = w.Command("""
            UPDATE instances SET locked_by = $me, locked_until = $until, dispatches = dispatches + 1
            WHERE instance_id = (SELECT instance_id FROM instances WHERE ready <= $now AND locked_until <= $now ORDER BY ready LIMIT 1)
            RETURNING instance_id, execution_id, status, dispatches
            """);
        lockNext.Parameters.AddWithValue("$me", _owner);
        lockNext.Parameters.AddWithValue("$until", until);
        lockNext.Parameters.AddWithValue("$now", now);
        return ReadLocked(lockNext);
    }

    private static (string, string, OrchestrationStatus, int)? ReadLocked(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), reader.GetString(1), (OrchestrationStatus)reader.GetInt32(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>The session's next messages, or null once it has been idle too long (the dispatcher then releases the instance).</summary>
    internal async Task<IList<TaskMessage>?> FetchSessionMessagesAsync(SqliteOrchestrationSession session, SqliteOrchestrationWorkItem workItem)
    {
        var deadline = DateTime.UtcNow + _options.ExtendedSessionIdleTimeout;
        while (!_stopping)
        {
            var wake = session.Wake.Next;
            var now = DateTime.UtcNow;
            var messages = new List<TaskMessage>();
            var ids = new List<long>();
            session.TakeOffered(messages, ids);
            DateTime? nextVisible = null;
            if (messages.Count == 0 && session.NeedsRead)
            {
                session.NeedsRead = false;
                var (read, readIds) = ReadVisibleMessages(session.InstanceId, now, out nextVisible);
                for (var i = 0; i < read.Count; i++)
                {
                    if (session.Delivered.Add(readIds[i]))
                    {
                        messages.Add(read[i]);
                        ids.Add(readIds[i]);
                    }
                }
            }

            if (messages.Count > 0)
            {
                workItem.MessageIds.Clear();
                workItem.MessageIds.AddRange(ids);
                return messages;
            }

            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var wait = Min(remaining, _options.MaxPollInterval);
            if (nextVisible is { } due)
            {
                wait = Min(wait, due - now);
            }

            await WakeSignal.WaitAsync(wake, wait, CancellationToken.None).ConfigureAwait(false);
            // Woken by something other than a handed-over message (a timer coming due, a poll): look at the file.
            if (!session.HasOffered)
            {
                session.NeedsRead = true;
            }
        }

        return null;
    }

    internal void EndSession(SqliteOrchestrationSession session) =>
        ((ICollection<KeyValuePair<string, SqliteOrchestrationSession>>)_sessions).Remove(new(session.InstanceId, session));

    /// <inheritdoc />
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = DateTime.UtcNow + _options.LockDuration;
        return Tracked(Writer.WriteAsync(w =>
        {
            var cmd = w.Command("UPDATE instances SET locked_until = $until WHERE instance_id = $id AND locked_by = $me");
            cmd.Parameters.AddWithValue("$until", until.Ticks);
            cmd.Parameters.AddWithValue("$id", workItem.InstanceId);
            cmd.Parameters.AddWithValue("$me", _owner);
            if (cmd.ExecuteNonQuery() == 0)
            {
                throw LockLost(workItem.InstanceId);
            }

            workItem.LockedUntilUtc = until;
            return 0;
        }));
    }

    /// <inheritdoc />
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        var item = (SqliteOrchestrationWorkItem)workItem;
        var episode = new EpisodeWrite(item, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, orchestrationState)
        {
            // A few rounds of work per activity slot: enough to keep the dispatcher fed from memory, few enough to run
            // well within the lock.
            HandOverBudget = Math.Max(0, (4 * _options.MaxConcurrentActivities) - Volatile.Read(ref _activeActivities) - _lockedActivities.Count),
        };
        episode.Serialize();
        episode.LockedUntil = DateTime.UtcNow + _options.LockDuration;
        var key = "o:" + item.InstanceId;
        try
        {
            await Tracked(Writer.WriteAsync(w => WriteEpisode(w, episode))).ConfigureAwait(false);
        }
        catch (Exception e) when (EnvironmentFault.Is(e))
        {
            _environmentFaulted[key] = 0;
            throw;
        }

        item.MessageIds.Clear();
        item.StoredExecutionId = episode.ExecutionId;
        item.StoredEvents = episode.StoredEvents;
        item.LockedUntilUtc = episode.LockedUntil;
        foreach (var handedOver in episode.HandedOver)
        {
            _lockedActivities.Enqueue(handedOver);
        }

        if (outboundMessages.Count > 0)
        {
            _activityWake.Set();
        }

        foreach (var target in episode.WokenInstances)
        {
            WakeInstance(target);
        }

        foreach (var (target, id, message) in episode.Delivered)
        {
            Deliver(target, id, message);
        }

        foreach (var timer in timerMessages)
        {
            var fireAt = timer.Event is TimerFiredEvent fired ? fired.FireAt : DateTime.UtcNow;
            if (_sessions.TryGetValue(item.InstanceId, out var session))
            {
                session.Wake.SetAt(fireAt);
            }

            _orchestrationWake.SetAt(fireAt);
        }

        if (orchestrationState is not null && IsTerminal(orchestrationState.OrchestrationStatus))
        {
            SignalFinished(item.InstanceId);
        }
    }

    /// <summary>Wakes the clients waiting for <paramref name="instanceId"/> to finish; only they read its state again.</summary>
    private void SignalFinished(string instanceId)
    {
        if (_finishWaiters.TryRemove(instanceId, out var waiters))
        {
            waiters.Set();
        }
    }

    /// <inheritdoc />
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var backoff = await AbandonAsync(
            "o:" + workItem.InstanceId,
            """
            UPDATE instances SET locked_by = NULL, locked_until = $until, dispatches = dispatches - $uncounted
            WHERE instance_id = $id AND locked_by = $me
            """,
            workItem.InstanceId).ConfigureAwait(false);
        _orchestrationWake.SetAt(DateTime.UtcNow + backoff);
    }

    /// <inheritdoc />
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.Session is SqliteOrchestrationSession session)
        {
            EndSession(session);
        }

        try
        {
            await Tracked(Writer.WriteAsync(w =>
            {
                var cmd = w.Command("UPDATE instances SET locked_by = NULL, locked_until = $now WHERE instance_id = $id AND locked_by = $me");
                cmd.Parameters.AddWithValue("$now", DateTime.UtcNow.Ticks);
                cmd.Parameters.AddWithValue("$id", workItem.InstanceId);
                cmd.Parameters.AddWithValue("$me", _owner);
                return cmd.ExecuteNonQuery();
            })).ConfigureAwait(false);
        }
        catch (Exception e) when (EnvironmentFault.Is(e))
        {
            _releasedHere["o:" + workItem.InstanceId] = 0;
        }

        // Messages that arrived while the session was ending are found by the next lock.
        _orchestrationWake.Set();
    }

    // ---- activity work items ----

    /// <inheritdoc />
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (!_stopping)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_lockedActivities.TryDequeue(out var ready))
            {
                Interlocked.Increment(ref _activeActivities);
                return ready;
            }

            var wake = _activityWake.Next;
            // Lock as many as there are free slots in one statement; the dispatcher takes them one by one from memory.
            var room = Math.Clamp(_options.MaxConcurrentActivities - Volatile.Read(ref _activeActivities) - _lockedActivities.Count, 1, 256);
            var (locked, poisoned) = await Tracked(Writer.WriteAsync(w => LockActivities(w, room))).ConfigureAwait(false);
            foreach (var target in poisoned)
            {
                WakeInstance(target);
            }

            if (locked.Count > 0)
            {
                for (var i = 1; i < locked.Count; i++)
                {
                    _lockedActivities.Enqueue(locked[i]);
                }

                Interlocked.Increment(ref _activeActivities);
                return locked[0];
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await WakeSignal.WaitAsync(wake, Min(remaining, _options.MaxPollInterval), cancellationToken).ConfigureAwait(false);
        }

        return null!;
    }

    private (List<TaskActivityWorkItem> Locked, List<string> Poisoned) LockActivities(TaskHubWriter w, int count)
    {
        var now = DateTime.UtcNow;
        var until = now + _options.LockDuration;
        var locked = new List<TaskActivityWorkItem>();
        var poisoned = new List<string>();
        foreach (var released in _releasedHere.Keys)
        {
            if (!released.StartsWith("a:", StringComparison.Ordinal))
            {
                continue;
            }

            var retake = w.Command("UPDATE activity_messages SET visible = $until WHERE id = $id AND locked_by = $me AND visible <= $now RETURNING id, dispatches, message");
            retake.Parameters.AddWithValue("$until", until.Ticks);
            retake.Parameters.AddWithValue("$id", long.Parse(released.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture));
            retake.Parameters.AddWithValue("$me", _owner);
            retake.Parameters.AddWithValue("$now", now.Ticks);
            var before = locked.Count;
            ReadActivities(retake, until, locked);
            if (locked.Count > before || !_environmentFaulted.ContainsKey(released))
            {
                _releasedHere.TryRemove(released, out _);
            }
        }

        var cmd = w.Command("""
            UPDATE activity_messages SET visible = $until, locked_by = $me, dispatches = dispatches + 1
            WHERE id IN (SELECT id FROM activity_messages WHERE visible <= $now ORDER BY visible, id LIMIT $count)
            RETURNING id, dispatches, message
            """);
        cmd.Parameters.AddWithValue("$until", until.Ticks);
        cmd.Parameters.AddWithValue("$me", _owner);
        cmd.Parameters.AddWithValue("$now", now.Ticks);
        cmd.Parameters.AddWithValue("$count", count);
        ReadActivities(cmd, until, locked);

        // Poison: an activity dispatched too often without completing fails instead of running again.
        var survivors = new List<TaskActivityWorkItem>(locked.Count);
        foreach (var item in locked)
        {
            if (_poisonCandidates.TryRemove(item.Id, out var dispatches))
            {
                PoisonActivity(w, item, dispatches - 1);
                poisoned.Add(item.TaskMessage.OrchestrationInstance.InstanceId);
            }
            else
            {
                survivors.Add(item);
            }
        }

        return (survivors, poisoned);
    }

    private readonly ConcurrentDictionary<string, int> _poisonCandidates = new(StringComparer.Ordinal);

    private void ReadActivities(SqliteCommand command, DateTime until, List<TaskActivityWorkItem> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var dispatches = reader.GetInt32(1);
            var message = TaskHubJson.Deserialize<TaskMessage>(reader.GetString(2));
            if (dispatches > _options.MaxDispatchAttempts)
            {
                _poisonCandidates[id] = dispatches;
            }

            into.Add(new TaskActivityWorkItem { Id = id, LockedUntilUtc = until, TaskMessage = message });
        }
    }

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = DateTime.UtcNow + _options.LockDuration;
        return Tracked(Writer.WriteAsync(w =>
        {
            var cmd = w.Command("UPDATE activity_messages SET visible = $until WHERE id = $id AND locked_by = $me");
            cmd.Parameters.AddWithValue("$until", until.Ticks);
            cmd.Parameters.AddWithValue("$id", long.Parse(workItem.Id, System.Globalization.CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$me", _owner);
            if (cmd.ExecuteNonQuery() == 0)
            {
                throw LockLost(workItem.Id);
            }

            workItem.LockedUntilUtc = until;
            return workItem;
        }));
    }

    /// <inheritdoc />
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        var serialized = TaskHubJson.Serialize(responseMessage);
        var target = responseMessage.OrchestrationInstance.InstanceId;
        var key = "a:" + workItem.Id;
        long delivered;
        try
        {
            delivered = await Tracked(Writer.WriteAsync(w =>
            {
                var delete = w.Command("DELETE FROM activity_messages WHERE id = $id AND locked_by = $me");
                delete.Parameters.AddWithValue("$id", long.Parse(workItem.Id, System.Globalization.CultureInfo.InvariantCulture));
                delete.Parameters.AddWithValue("$me", _owner);
                if (delete.ExecuteNonQuery() == 0)
                {
                    // The lock expired and another worker owns the activity now: its result is the one delivered.
                    return 0L;
                }

                return EnqueueOrchestrationMessage(w, target, DateTime.UtcNow, serialized, startsInstance: false);
            })).ConfigureAwait(false);
        }
        catch (Exception e) when (EnvironmentFault.Is(e))
        {
            _environmentFaulted[key] = 0;
            throw;
        }

        Interlocked.Decrement(ref _activeActivities);
        if (delivered > 0)
        {
            Deliver(target, delivered, responseMessage);
        }
    }

    /// <inheritdoc />
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        TimeSpan backoff;
        try
        {
            backoff = await AbandonAsync(
                "a:" + workItem.Id,
                """
                UPDATE activity_messages SET locked_by = NULL, visible = $until, dispatches = dispatches - $uncounted
                WHERE id = $id AND locked_by = $me
                """,
                long.Parse(workItem.Id, System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeActivities);
        }

        _activityWake.SetAt(DateTime.UtcNow + backoff);
    }

    // ---- writes shared by work items and the client ----

    /// <summary>
    /// Releases an abandoned work item's lock (<paramref name="release"/> takes <c>$until</c>, <c>$uncounted</c>, <c>$id</c>
    /// and <c>$me</c>) and returns how long the item stays invisible: not at all after a machine fault, whose dispatch is
    /// not counted towards poison; else the processing back-off.
    /// </summary>
    private async Task<TimeSpan> AbandonAsync(string key, string release, object id)
    {
        var fault = _environmentFaulted.TryRemove(key, out _);
        var backoff = fault ? TimeSpan.Zero : ProcessingBackoff();
        try
        {
            await Tracked(Writer.WriteAsync(w =>
            {
                var cmd = w.Command(release);
                cmd.Parameters.AddWithValue("$until", (DateTime.UtcNow + backoff).Ticks);
                cmd.Parameters.AddWithValue("$uncounted", fault ? 1 : 0);
                cmd.Parameters.AddWithValue("$id", id);
                cmd.Parameters.AddWithValue("$me", _owner);
                return cmd.ExecuteNonQuery();
            })).ConfigureAwait(false);
        }
        catch (Exception e) when (EnvironmentFault.Is(e))
        {
            // The file cannot take the release either: the lock stays ours, and this process takes it back first.
            _releasedHere[key] = 0;
        }

        return backoff;
    }

    /// <summary>Deletes an instance's history, queued messages and pending activities (not its instance row).</summary>
    private static void ClearExecution(TaskHubWriter w, string instanceId)
    {
        foreach (var sql in new[]
        {
            "DELETE FROM history WHERE instance_id = $id",
            "DELETE FROM orchestration_messages WHERE instance_id = $id",
            "DELETE FROM activity_messages WHERE instance_id = $id",
        })
        {
            var delete = w.Command(sql);
            delete.Parameters.AddWithValue("$id", instanceId);
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>Hands a committed message to the instance's session in this process, or wakes the dispatcher to lock it.</summary>
    private void Deliver(string instanceId, long id, TaskMessage message)
    {
        if (_sessions.TryGetValue(instanceId, out var session))
        {
            session.Offer(id, message);
        }
        else
        {
            _orchestrationWake.Set();
        }
    }

    private void WakeInstance(string instanceId)
    {
        if (_sessions.TryGetValue(instanceId, out var session))
        {
            session.Wake.Set();
        }
        else
        {
            _orchestrationWake.Set();
        }
    }

    /// <summary>Queues a message for an instance that can take it; returns its id, or 0 when it was dropped.</summary>
    /// <remarks>Messages for unknown or finished instances are dropped, except a start, which only comes through <see cref="UpsertStart"/>.</remarks>
    private static long EnqueueOrchestrationMessage(TaskHubWriter w, string instanceId, DateTime visible, string message, bool startsInstance)
    {
        var insert = w.Command(startsInstance
            ? "INSERT INTO orchestration_messages(instance_id, visible, message) VALUES ($id, $visible, $message) RETURNING id"
            : """
              INSERT INTO orchestration_messages(instance_id, visible, message)
              SELECT $id, $visible, $message WHERE EXISTS (SELECT 1 FROM instances WHERE instance_id = $id AND status NOT IN (1, 3, 4, 5))
              RETURNING id
              """);
        insert.Parameters.AddWithValue("$id", instanceId);
        insert.Parameters.AddWithValue("$visible", visible.Ticks);
        insert.Parameters.AddWithValue("$message", message);
        if (insert.ExecuteScalar() is not long queued)
        {
            return 0;
        }

        var ready = w.Command("UPDATE instances SET ready = $visible WHERE instance_id = $id AND (ready IS NULL OR ready > $visible)");
        ready.Parameters.AddWithValue("$id", instanceId);
        ready.Parameters.AddWithValue("$visible", visible.Ticks);
        ready.ExecuteNonQuery();
        return queued;
    }

    /// <summary>Creates or restarts the instance a start message is for, then queues the message.</summary>
    private static void UpsertStart(TaskHubWriter w, ExecutionStartedEvent start, string message, OrchestrationStatus[]? dedupeStatuses)
    {
        var instanceId = start.OrchestrationInstance.InstanceId;
        var existing = w.Command("SELECT status FROM instances WHERE instance_id = $id");
        existing.Parameters.AddWithValue("$id", instanceId);
        var status = existing.ExecuteScalar() is long s ? (OrchestrationStatus)s : (OrchestrationStatus?)null;
        if (status is { } current && dedupeStatuses is not null && dedupeStatuses.Contains(current))
        {
            throw new DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException(
                $"An orchestration with id '{instanceId}' already exists. It is in the {current} state.");
        }

        if (status is not null)
        {
            // A new execution replaces the old one: its history, queued messages and pending activities go.
            ClearExecution(w, instanceId);
        }

        var now = DateTime.UtcNow;
        var state = new OrchestrationState
        {
            OrchestrationInstance = start.OrchestrationInstance,
            Name = start.Name,
            Version = start.Version,
            OrchestrationStatus = OrchestrationStatus.Pending,
            CreatedTime = now,
            LastUpdatedTime = now,
            CompletedTime = DateTime.MinValue,
            Tags = start.Tags,
            ScheduledStartTime = start.ScheduledStartTime,
            ParentInstance = start.ParentInstance,
            Generation = start.Generation,
        };
        var upsert = w.Command("""
            INSERT INTO instances(instance_id, execution_id, name, status, created, updated, completed, state, input, output, ready, dispatches)
            VALUES ($id, $execution, $name, $status, $now, $now, NULL, $state, $input, NULL, NULL, 0)
            ON CONFLICT(instance_id) DO UPDATE SET execution_id = excluded.execution_id, name = excluded.name, status = excluded.status,
                created = excluded.created, updated = excluded.updated, completed = NULL, state = excluded.state, input = excluded.input,
                output = NULL, ready = NULL, dispatches = 0
            """);
        upsert.Parameters.AddWithValue("$id", instanceId);
        upsert.Parameters.AddWithValue("$execution", start.OrchestrationInstance.ExecutionId ?? string.Empty);
        upsert.Parameters.AddWithValue("$name", start.Name ?? string.Empty);
        upsert.Parameters.AddWithValue("$status", (int)OrchestrationStatus.Pending);
        upsert.Parameters.AddWithValue("$now", now.Ticks);
        upsert.Parameters.AddWithValue("$state", StoredInstanceState.Serialize(state));
        upsert.Parameters.AddWithValue("$input", (object?)start.Input ?? DBNull.Value);
        upsert.ExecuteNonQuery();
        EnqueueOrchestrationMessage(w, instanceId, Utc(start.ScheduledStartTime) ?? now, message, startsInstance: true);
    }

    private int WriteEpisode(TaskHubWriter w, EpisodeWrite episode)
    {
        var instanceId = episode.WorkItem.InstanceId;
        DeleteMessages(w, episode.WorkItem.MessageIds);

        if (episode.State is not null)
        {
            var update = w.Command(episode.NewExecution
                ? """
                  UPDATE instances SET execution_id = $execution, name = $name, status = $status, created = $created, updated = $updated,
                      completed = $completed, state = $state, input = $input, output = $output, locked_until = $until, dispatches = 0,
                      ready = (SELECT MIN(visible) FROM orchestration_messages WHERE instance_id = $id)
                  WHERE instance_id = $id AND locked_by = $me
                  """
                : """
                  UPDATE instances SET execution_id = $execution, name = $name, status = $status, created = $created, updated = $updated,
                      completed = $completed, state = $state, output = $output, locked_until = $until, dispatches = 0,
                      ready = (SELECT MIN(visible) FROM orchestration_messages WHERE instance_id = $id)
                  WHERE instance_id = $id AND locked_by = $me
                  """);
            var state = episode.State;
            update.Parameters.AddWithValue("$id", instanceId);
            update.Parameters.AddWithValue("$me", _owner);
            update.Parameters.AddWithValue("$execution", episode.ExecutionId);
            update.Parameters.AddWithValue("$name", state.Name ?? string.Empty);
            update.Parameters.AddWithValue("$status", (int)state.OrchestrationStatus);
            update.Parameters.AddWithValue("$created", (Utc(state.CreatedTime) ?? DateTime.UtcNow).Ticks);
            update.Parameters.AddWithValue("$updated", DateTime.UtcNow.Ticks);
            update.Parameters.AddWithValue("$completed", IsTerminal(state.OrchestrationStatus) ? DateTime.UtcNow.Ticks : DBNull.Value);
            update.Parameters.AddWithValue("$state", episode.StateJson);
            if (episode.NewExecution)
            {
                update.Parameters.AddWithValue("$input", (object?)state.Input ?? DBNull.Value);
            }

            update.Parameters.AddWithValue("$output", (object?)state.Output ?? DBNull.Value);
            update.Parameters.AddWithValue("$until", episode.LockedUntil.Ticks);
            if (update.ExecuteNonQuery() == 0)
            {
                throw LockLost(instanceId);
            }

            if (episode.NewExecution)
            {
                var clear = w.Command("DELETE FROM history WHERE instance_id = $id");
                clear.Parameters.AddWithValue("$id", instanceId);
                clear.ExecuteNonQuery();
            }

            var seq = episode.FirstSeq;
            foreach (var historyEvent in episode.Events)
            {
                var insert = w.Command("INSERT OR REPLACE INTO history(instance_id, seq, event) VALUES ($id, $seq, $event)");
                insert.Parameters.AddWithValue("$id", instanceId);
                insert.Parameters.AddWithValue("$seq", seq++);
                insert.Parameters.AddWithValue("$event", historyEvent);
                insert.ExecuteNonQuery();
            }
        }

        var now = DateTime.UtcNow;
        var lockedUntil = now + _options.LockDuration;
        foreach (var (message, serialized) in episode.Outbound)
        {
            // Activities this process has room for are locked to it as they are written and handed to its dispatcher in
            // memory; the rest wait in the file for whichever worker locks them.
            var handOver = episode.HandedOver.Count < episode.HandOverBudget;
            var insert = w.Command(handOver
                ? "INSERT INTO activity_messages(instance_id, visible, locked_by, dispatches, message) VALUES ($id, $until, $me, 1, $message) RETURNING id"
                : "INSERT INTO activity_messages(instance_id, visible, message) VALUES ($id, $now, $message)");
            insert.Parameters.AddWithValue("$id", message.OrchestrationInstance.InstanceId);
            insert.Parameters.AddWithValue("$message", serialized);
            if (handOver)
            {
                insert.Parameters.AddWithValue("$until", lockedUntil.Ticks);
                insert.Parameters.AddWithValue("$me", _owner);
                var id = (long)insert.ExecuteScalar()!;
                episode.HandedOver.Add(new TaskActivityWorkItem
                {
                    Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    LockedUntilUtc = lockedUntil,
                    TaskMessage = message,
                });
            }
            else
            {
                insert.Parameters.AddWithValue("$now", now.Ticks);
                insert.ExecuteNonQuery();
            }
        }

        foreach (var (message, serialized) in episode.Timers)
        {
            var fireAt = message.Event is TimerFiredEvent fired ? Utc(fired.FireAt)!.Value : now;
            EnqueueOrchestrationMessage(w, instanceId, fireAt, serialized, startsInstance: false);
        }

        foreach (var (message, serialized) in episode.ToOrchestrations)
        {
            var target = message.OrchestrationInstance.InstanceId;
            if (message.Event is ExecutionStartedEvent start)
            {
                UpsertStart(w, start, serialized, dedupeStatuses: null);
                episode.WokenInstances.Add(target);
            }
            else if (EnqueueOrchestrationMessage(w, target, now, serialized, startsInstance: false) is var id and > 0)
            {
                episode.Delivered.Add((target, id, message));
            }
        }

        if (episode.State is null)
        {
            // Otherwise the instance update above already recomputed it (timers for itself lower it as they are queued).
            var ready = w.Command("UPDATE instances SET ready = (SELECT MIN(visible) FROM orchestration_messages WHERE instance_id = $id) WHERE instance_id = $id");
            ready.Parameters.AddWithValue("$id", instanceId);
            ready.ExecuteNonQuery();
        }

        return 0;
    }

    /// <summary>Deletes consumed messages in one statement however many there are (a fan-in episode consumes thousands).</summary>
    private static void DeleteMessages(TaskHubWriter w, List<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var delete = w.Command("DELETE FROM orchestration_messages WHERE id IN (SELECT value FROM json_each($ids))");
        delete.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids) + "]");
        delete.ExecuteNonQuery();
    }

    private int DropMessages(TaskHubWriter w, string instanceId, List<long> ids)
    {
        DeleteMessages(w, ids);

        var release = w.Command("""
            UPDATE instances SET ready = (SELECT MIN(visible) FROM orchestration_messages WHERE instance_id = $id),
                locked_by = NULL, locked_until = 0, dispatches = 0
            WHERE instance_id = $id AND locked_by = $me
            """);
        release.Parameters.AddWithValue("$id", instanceId);
        release.Parameters.AddWithValue("$me", _owner);
        release.ExecuteNonQuery();
        return 0;
    }

    private int PoisonInstance(TaskHubWriter w, string instanceId, int dispatches)
    {
        var read = w.Command("SELECT state FROM instances WHERE instance_id = $id");
        read.Parameters.AddWithValue("$id", instanceId);
        var state = StoredInstanceState.Deserialize((string)read.ExecuteScalar()!);
        var failure = PoisonFailure($"Orchestration '{instanceId}'", dispatches);
        var now = DateTime.UtcNow;
        state.OrchestrationStatus = OrchestrationStatus.Failed;
        state.FailureDetails = failure;
        state.Output = failure.ErrorMessage;
        state.LastUpdatedTime = now;
        state.CompletedTime = now;
        var update = w.Command("""
            UPDATE instances SET status = $status, state = $state, output = $output, updated = $now, completed = $now,
                ready = NULL, locked_by = NULL, locked_until = 0, dispatches = 0
            WHERE instance_id = $id
            """);
        update.Parameters.AddWithValue("$id", instanceId);
        update.Parameters.AddWithValue("$status", (int)OrchestrationStatus.Failed);
        update.Parameters.AddWithValue("$state", StoredInstanceState.Serialize(state));
        update.Parameters.AddWithValue("$output", failure.ErrorMessage);
        update.Parameters.AddWithValue("$now", now.Ticks);
        update.ExecuteNonQuery();
        var delete = w.Command("DELETE FROM orchestration_messages WHERE instance_id = $id");
        delete.Parameters.AddWithValue("$id", instanceId);
        delete.ExecuteNonQuery();
        if (state.ParentInstance is { } parent)
        {
            var reply = new TaskMessage
            {
                OrchestrationInstance = parent.OrchestrationInstance,
                Event = new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, failure.ErrorMessage, null, failure),
            };
            EnqueueOrchestrationMessage(w, parent.OrchestrationInstance.InstanceId, now, TaskHubJson.Serialize(reply), startsInstance: false);
        }

        return 0;
    }

    private static void PoisonActivity(TaskHubWriter w, TaskActivityWorkItem item, int dispatches)
    {
        var scheduled = (TaskScheduledEvent)item.TaskMessage.Event;
        var failure = PoisonFailure($"Activity '{scheduled.Name}'", dispatches);
        var reply = new TaskMessage
        {
            OrchestrationInstance = item.TaskMessage.OrchestrationInstance,
            Event = new TaskFailedEvent(-1, scheduled.EventId, failure.ErrorMessage, null, failure),
        };
        var delete = w.Command("DELETE FROM activity_messages WHERE id = $id");
        delete.Parameters.AddWithValue("$id", long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture));
        delete.ExecuteNonQuery();
        EnqueueOrchestrationMessage(w, item.TaskMessage.OrchestrationInstance.InstanceId, DateTime.UtcNow, TaskHubJson.Serialize(reply), startsInstance: false);
    }

    private static FailureDetails PoisonFailure(string what, int dispatches) => new(
        "PoisonMessage",
        $"{what} was dispatched {dispatches} times without completing; the task hub gave up on it.",
        stackTrace: null,
        innerFailure: null,
        isNonRetriable: true);

    // ---- reads ----

    private SqliteConnection OpenReader()
    {
        _ = Writer;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private (List<TaskMessage> Messages, List<long> Ids) ReadVisibleMessages(string instanceId, DateTime now, out DateTime? nextVisible)
    {
        var messages = new List<TaskMessage>();
        var ids = new List<long>();
        nextVisible = null;
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, visible, message FROM orchestration_messages WHERE instance_id = $id ORDER BY id";
        cmd.Parameters.AddWithValue("$id", instanceId);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var visible = new DateTime(reader.GetInt64(1), DateTimeKind.Utc);
            if (visible > now)
            {
                nextVisible = nextVisible is { } earliest && earliest < visible ? earliest : visible;
                continue;
            }

            ids.Add(reader.GetInt64(0));
            messages.Add(TaskHubJson.Deserialize<TaskMessage>(reader.GetString(2)));
        }

        return (messages, ids);
    }

    private List<HistoryEvent> ReadHistory(string instanceId)
    {
        var events = new List<HistoryEvent>();
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT event FROM history WHERE instance_id = $id ORDER BY seq";
        cmd.Parameters.AddWithValue("$id", instanceId);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            events.Add(TaskHubJson.Deserialize<HistoryEvent>(reader.GetString(0)));
        }

        return events;
    }

    // ---- faults ----

    /// <summary>Counts faults of the machine as they pass, so the dispatchers back off; a success resets the back-off.</summary>
    private async Task<T> Tracked<T>(Task<T> write)
    {
        try
        {
            var result = await write.ConfigureAwait(false);
            Volatile.Write(ref _consecutiveEnvironmentFaults, 0);
            return result;
        }
        catch (Exception e) when (EnvironmentFault.Is(e))
        {
            Interlocked.Increment(ref _consecutiveEnvironmentFaults);
            Interlocked.Increment(ref _environmentFaults);
            throw;
        }
    }

    private int DelayAfter(Exception exception, int otherwise)
    {
        if (exception is OperationCanceledException)
        {
            return 0;
        }

        if (!EnvironmentFault.Is(exception))
        {
            return otherwise;
        }

        var faults = Math.Clamp(Volatile.Read(ref _consecutiveEnvironmentFaults), 1, 16);
        var max = Math.Max(1, (int)Math.Ceiling(_options.MaxEnvironmentBackoff.TotalSeconds));
        return Math.Min(max, 1 << (faults - 1));
    }

    /// <summary>A short pause before a work item whose processing failed is offered again.</summary>
    private static TimeSpan ProcessingBackoff() => TimeSpan.FromMilliseconds(200);

    private static InvalidOperationException LockLost(string what) =>
        new($"The lock on '{what}' expired and another worker took it; this worker's result is discarded.");

    internal static bool IsTerminal(OrchestrationStatus status) => status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
        or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    private static DateTime? Utc(DateTime? value) => value is not { } v || v == default ? null
        : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
