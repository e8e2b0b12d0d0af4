using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file in WAL mode holding instances, histories, the orchestration message queue
/// (delayed messages are timers) and the activity queue.
/// </summary>
/// <remarks>
/// Every state change is one <c>BEGIN IMMEDIATE</c> transaction, so several workers (threads or processes) can share the
/// file: a lock is taken by the first writer and the others see it. Locks carry an expiry, so a crashed worker's work
/// is picked up again once it passes.
/// </remarks>
public sealed class SqliteDurableBackend : IDurableBackend
{
    private const int StartedKind = 1;
    private const int OtherKind = 0;

    private readonly SqliteBackendOptions _options;
    private readonly SqliteConnectionPool _pool;
    private readonly AsyncSignal _orchestrationWork = new();
    private readonly AsyncSignal _activityWork = new();
    private readonly TimeProvider _time;

    // SQLite has one writer at a time; queueing this process's writers here rather than in SQLite's busy handler
    // (which sleeps in steps of milliseconds) keeps latency low, and group commit shares each commit among them.
    private readonly SqliteWriter _writer;

    /// <summary>Creates a backend on the file at <paramref name="databasePath"/>.</summary>
    public SqliteDurableBackend(string databasePath)
        : this(new SqliteBackendOptions(databasePath))
    {
    }

    /// <summary>Creates a backend with the given options.</summary>
    public SqliteDurableBackend(SqliteBackendOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _options = options;
        _pool = new SqliteConnectionPool(options);
        _writer = new SqliteWriter(_pool);
        _time = timeProvider ?? TimeProvider.System;
    }

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS instances(
                    instance_id TEXT PRIMARY KEY,
                    execution_id TEXT NOT NULL,
                    name TEXT NOT NULL COLLATE NOCASE,
                    version TEXT,
                    status INTEGER NOT NULL,
                    input TEXT,
                    output TEXT,
                    custom_status TEXT,
                    failure TEXT,
                    parent_instance_id TEXT,
                    created_at INTEGER NOT NULL,
                    last_updated_at INTEGER NOT NULL,
                    completed_at INTEGER,
                    scheduled_start_at INTEGER,
                    history_count INTEGER NOT NULL DEFAULT 0,
                    lock_token TEXT,
                    locked_until INTEGER NOT NULL DEFAULT 0,
                    dispatch_count INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT);
                CREATE INDEX IF NOT EXISTS ix_instances_created ON instances(created_at, instance_id);
                CREATE TABLE IF NOT EXISTS history(
                    instance_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    PRIMARY KEY(instance_id, seq)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS messages(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    instance_id TEXT NOT NULL,
                    kind INTEGER NOT NULL,
                    execution_id TEXT,
                    event TEXT NOT NULL,
                    visible_at INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_messages_visible ON messages(visible_at);
                CREATE INDEX IF NOT EXISTS ix_messages_instance ON messages(instance_id, kind, id);
                CREATE TABLE IF NOT EXISTS activities(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    instance_id TEXT NOT NULL,
                    execution_id TEXT NOT NULL,
                    task_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    version TEXT,
                    input TEXT,
                    visible_at INTEGER NOT NULL,
                    lock_token TEXT,
                    locked_until INTEGER NOT NULL DEFAULT 0,
                    dispatch_count INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT);
                CREATE INDEX IF NOT EXISTS ix_activities_instance ON activities(instance_id);
                """;
            command.ExecuteNonQuery();
            return 0;
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CreateInstanceAsync(ExecutionStartedEvent start, bool replaceFinished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        await _writer.WriteAsync(transaction =>
        {
            var existing = ReadStatus(transaction, start.OrchestrationInstance.InstanceId);
            if (existing is { } status && (!status.IsTerminal() || !replaceFinished))
            {
                throw new OrchestrationAlreadyExistsException(status.IsTerminal()
                    ? $"An orchestration instance with id '{start.OrchestrationInstance.InstanceId}' already exists ({status}) and replacing finished instances is disabled."
                    : $"An orchestration instance with id '{start.OrchestrationInstance.InstanceId}' is already {status}; use another id or wait for it to finish.");
            }

            CreateOrReplace(transaction, start, UtcNow);
        });
        _orchestrationWork.Signal();
    }

    /// <inheritdoc />
    public async Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        await _writer.WriteAsync(transaction =>
        {
            var status = ReadStatus(transaction, message.InstanceId)
                ?? throw new OrchestrationNotFoundException($"No orchestration instance has id '{message.InstanceId}'.");
            if (status.IsTerminal())
            {
                return;
            }

            if (status == OrchestrationStatus.Pending && message.Event is ExecutionTerminatedEvent terminated)
            {
                // It never started, so there is no episode to run: terminate it in place.
                var now = Ticks(UtcNow);
                Execute(transaction, "DELETE FROM messages WHERE instance_id=$id", ("$id", message.InstanceId));
                Execute(
                    transaction,
                    "UPDATE instances SET status=$s, output=$o, last_updated_at=$now, completed_at=$now WHERE instance_id=$id",
                    ("$s", (int)OrchestrationStatus.Terminated),
                    ("$o", terminated.Input),
                    ("$now", now),
                    ("$id", message.InstanceId));
                return;
            }

            InsertMessage(transaction, message, UtcNow);
        });
        _orchestrationWork.Signal();
    }

    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = UtcNow;
        return await _writer.WriteAsync(transaction => LockOrchestration(transaction, now, lockDuration)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationWorkItemsAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var now = UtcNow;
        return await _writer.WriteAsync(transaction =>
        {
            var items = new List<OrchestrationWorkItem>(maxCount);
            while (items.Count < maxCount && LockOrchestration(transaction, now, lockDuration) is { } item)
            {
                items.Add(item);
            }

            return (IReadOnlyList<OrchestrationWorkItem>)items;
        }).ConfigureAwait(false);
    }

    private OrchestrationWorkItem? LockOrchestration(WriteScope transaction, DateTime now, TimeSpan lockDuration)
    {
        var token = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        string? instanceId;
        using (var find = Command(
            transaction,
            """
            SELECT m.instance_id FROM messages m JOIN instances i ON i.instance_id = m.instance_id
            WHERE m.visible_at <= $now AND i.locked_until <= $now AND (i.status <> $pending OR m.kind = $started)
            ORDER BY m.visible_at, m.id LIMIT 1
            """,
            ("$now", Ticks(now)),
            ("$pending", (int)OrchestrationStatus.Pending),
            ("$started", StartedKind)))
        {
            instanceId = find.ExecuteScalar() as string;
        }

        if (instanceId is null)
        {
            return null;
        }

        var lockedUntil = now + lockDuration;
        string executionId, name;
        OrchestrationStatus status;
        int historyCount, dispatchCount;
        string? lastError;
        using (var take = Command(
            transaction,
            """
            UPDATE instances SET lock_token=$token, locked_until=$until, dispatch_count=dispatch_count+1
            WHERE instance_id=$id
            RETURNING execution_id, name, status, history_count, dispatch_count, last_error
            """,
            ("$token", token),
            ("$until", Ticks(lockedUntil)),
            ("$id", instanceId)))
        using (var reader = take.ExecuteReader())
        {
            reader.Read();
            executionId = reader.GetString(0);
            name = reader.GetString(1);
            status = (OrchestrationStatus)reader.GetInt32(2);
            historyCount = reader.GetInt32(3);
            dispatchCount = reader.GetInt32(4);
            lastError = reader.IsDBNull(5) ? null : reader.GetString(5);
        }

        var messages = new List<TaskMessage>();
        var ids = new List<long>();
        // Starts first: a batch cut off by the size limit must still contain the start of a new execution.
        var unreadable = new List<string>();
        ReadMessages(transaction, instanceId, now, "kind = 1", messages, ids, unreadable);
        ReadMessages(transaction, instanceId, now, "kind = 0", messages, ids, unreadable);
        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = name,
            Status = status,
            HistoryCount = historyCount,
            Messages = messages,
            LockToken = token,
            LockedUntil = lockedUntil,
            DispatchCount = dispatchCount,
            LastError = lastError,
            Receipt = ids,
            UnreadableMessages = unreadable,
        };
    }

    private void ReadMessages(WriteScope transaction, string instanceId, DateTime now, string kindFilter, List<TaskMessage> messages, List<long> ids, List<string> unreadable)
    {
        if (messages.Count >= _options.MaxMessagesPerWorkItem)
        {
            return;
        }

        using (var read = Command(
            transaction,
            $"SELECT id, execution_id, event, visible_at FROM messages WHERE instance_id=$id AND {kindFilter} AND visible_at <= $now ORDER BY id LIMIT $max",
            ("$id", instanceId),
            ("$now", Ticks(now)),
            ("$max", _options.MaxMessagesPerWorkItem - messages.Count)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
                var executionOfMessage = reader.IsDBNull(1) ? null : reader.GetString(1);
                try
                {
                    messages.Add(new TaskMessage(instanceId, executionOfMessage, HistoryJson.Deserialize(reader.GetString(2), instanceId), FromTicks(reader.GetInt64(3))));
                }
                catch (HistoryCorruptedException ex)
                {
                    unreadable.Add(ex.Message);
                }
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        var history = Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT event FROM history WHERE instance_id=$id ORDER BY seq";
            command.Parameters.AddWithValue("$id", instanceId);
            using var reader = command.ExecuteReader();
            var events = new List<HistoryEvent>();
            while (reader.Read())
            {
                events.Add(HistoryJson.Deserialize(reader.GetString(0), instanceId));
            }

            return (IReadOnlyList<HistoryEvent>)events;
        });
        return Task.FromResult(history);
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(completion);
        var now = UtcNow;
        var signalActivities = completion.Activities.Count > 0;
        await _writer.WriteAsync(transaction =>
        {
            var historyCount = (completion.ResetHistory ? 0 : workItem.HistoryCount) + completion.AppendedHistory.Count;
            int updated;
            if (completion.Status is { } status)
            {
                updated = Execute(
                    transaction,
                    """
                    UPDATE instances SET status=$status, output=$output, custom_status=$custom, failure=$failure,
                        input=COALESCE($input, input), execution_id=COALESCE($execution, execution_id),
                        last_updated_at=$now, completed_at=$completed, history_count=$count,
                        lock_token=NULL, locked_until=0, dispatch_count=0, last_error=NULL
                    WHERE instance_id=$id AND lock_token=$token
                    """,
                    ("$status", (int)status),
                    ("$output", completion.Output),
                    ("$custom", completion.CustomStatus),
                    ("$failure", HistoryJson.Serialize(completion.FailureDetails)),
                    ("$input", completion.Input),
                    ("$execution", completion.NewExecutionId),
                    ("$now", Ticks(now)),
                    ("$completed", status.IsTerminal() ? Ticks(now) : null),
                    ("$count", historyCount),
                    ("$id", workItem.InstanceId),
                    ("$token", workItem.LockToken));
            }
            else
            {
                updated = Execute(
                    transaction,
                    "UPDATE instances SET lock_token=NULL, locked_until=0, dispatch_count=0, last_error=NULL WHERE instance_id=$id AND lock_token=$token",
                    ("$id", workItem.InstanceId),
                    ("$token", workItem.LockToken));
            }

            if (updated == 0)
            {
                throw new WorkItemLockLostException($"The lock on instance '{workItem.InstanceId}' expired before its episode was stored.");
            }

            if (workItem.Receipt is List<long> ids && ids.Count > 0)
            {
                using var delete = Command(transaction, "DELETE FROM messages WHERE id=$mid", ("$mid", 0L));
                foreach (var id in ids)
                {
                    delete.Parameters[0].Value = id;
                    delete.ExecuteNonQuery();
                }
            }

            if (completion.ResetHistory)
            {
                Execute(transaction, "DELETE FROM history WHERE instance_id=$id", ("$id", workItem.InstanceId));
            }

            if (completion.AppendedHistory.Count > 0)
            {
                using var insert = Command(
                    transaction,
                    "INSERT INTO history(instance_id, seq, event) VALUES($id, $seq, $event)",
                    ("$id", workItem.InstanceId),
                    ("$seq", 0),
                    ("$event", string.Empty));
                var seq = historyCount - completion.AppendedHistory.Count;
                foreach (var historyEvent in completion.AppendedHistory)
                {
                    insert.Parameters[1].Value = seq++;
                    insert.Parameters[2].Value = HistoryJson.Serialize(historyEvent);
                    insert.ExecuteNonQuery();
                }
            }

            if (completion.Activities.Count > 0)
            {
                using var insert = Command(
                    transaction,
                    "INSERT INTO activities(instance_id, execution_id, task_id, name, version, input, visible_at) VALUES($id, $execution, $task, $name, $version, $input, $now)",
                    ("$id", string.Empty),
                    ("$execution", string.Empty),
                    ("$task", 0),
                    ("$name", string.Empty),
                    ("$version", null),
                    ("$input", null),
                    ("$now", Ticks(now)));
                foreach (var activity in completion.Activities)
                {
                    insert.Parameters[0].Value = activity.InstanceId;
                    insert.Parameters[1].Value = activity.ExecutionId;
                    insert.Parameters[2].Value = activity.TaskId;
                    insert.Parameters[3].Value = activity.Name;
                    insert.Parameters[4].Value = (object?)activity.Version ?? DBNull.Value;
                    insert.Parameters[5].Value = (object?)activity.Input ?? DBNull.Value;
                    insert.ExecuteNonQuery();
                }
            }

            foreach (var message in completion.Messages)
            {
                var leadsNewExecution = completion.NewExecutionId is not null
                    && string.Equals(message.InstanceId, workItem.InstanceId, StringComparison.Ordinal)
                    && string.Equals(message.ExecutionId, completion.NewExecutionId, StringComparison.Ordinal);
                if (leadsNewExecution)
                {
                    InsertMessage(transaction, message, now, leading: true);
                }
                else
                {
                    Route(transaction, workItem.InstanceId, message, now);
                }
            }
        });
        if (signalActivities)
        {
            _activityWork.Signal();
        }

        // Always: messages that arrived while this instance was locked were skipped by pollers and are deliverable now.
        _orchestrationWork.Signal();

    }

    private void Route(WriteScope transaction, string sender, TaskMessage message, DateTime now)
    {
        if (message.Event is ExecutionStartedEvent start && !string.Equals(message.InstanceId, sender, StringComparison.Ordinal))
        {
            var existing = ReadStatus(transaction, message.InstanceId);
            if (existing is { } status && !status.IsTerminal())
            {
                if (start.ParentInstance is { } parent)
                {
                    var failure = new TaskFailureDetails(
                        RuntimeErrorTypes.InstanceAlreadyExists,
                        $"A sub-orchestration with instance id '{message.InstanceId}' is already {status}.",
                        IsNonRetriable: true);
                    InsertMessage(
                        transaction,
                        new TaskMessage(parent.OrchestrationInstance.InstanceId, parent.OrchestrationInstance.ExecutionId, new SubOrchestrationInstanceFailedEvent(-1, now, parent.TaskScheduledId, failure)),
                        now);
                }

                return;
            }

            CreateOrReplace(transaction, start, now);
            return;
        }

        if (string.Equals(message.InstanceId, sender, StringComparison.Ordinal) || ReadStatus(transaction, message.InstanceId) is { } target && !target.IsTerminal())
        {
            InsertMessage(transaction, message, now);
        }
    }

    private static void CreateOrReplace(WriteScope transaction, ExecutionStartedEvent start, DateTime now)
    {
        var instanceId = start.OrchestrationInstance.InstanceId;
        Execute(transaction, "DELETE FROM history WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM messages WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM activities WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM instances WHERE instance_id=$id", ("$id", instanceId));
        Execute(
            transaction,
            """
            INSERT INTO instances(instance_id, execution_id, name, version, status, input, parent_instance_id, created_at, last_updated_at, scheduled_start_at)
            VALUES($id, $execution, $name, $version, $status, $input, $parent, $now, $now, $scheduled)
            """,
            ("$id", instanceId),
            ("$execution", start.OrchestrationInstance.ExecutionId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)),
            ("$name", start.Name),
            ("$version", start.Version),
            ("$status", (int)OrchestrationStatus.Pending),
            ("$input", start.Input),
            ("$parent", start.ParentInstance?.OrchestrationInstance.InstanceId),
            ("$now", Ticks(now)),
            ("$scheduled", start.ScheduledStartTimestamp is { } at ? Ticks(at) : null));
        InsertMessage(transaction, new TaskMessage(instanceId, start.OrchestrationInstance.ExecutionId, start, start.ScheduledStartTimestamp), now);
    }

    /// <summary>Queues a message; "leading" ones (a start and what a ContinueAsNew carried over) are read before the others.</summary>
    private static void InsertMessage(WriteScope transaction, TaskMessage message, DateTime now, bool leading = false) =>
        Execute(
            transaction,
            "INSERT INTO messages(instance_id, kind, execution_id, event, visible_at) VALUES($id, $kind, $execution, $event, $visible)",
            ("$id", message.InstanceId),
            ("$kind", leading || message.Event is ExecutionStartedEvent ? StartedKind : OtherKind),
            ("$execution", message.ExecutionId),
            ("$event", HistoryJson.Serialize(message.Event)),
            ("$visible", Ticks(message.VisibleAt ?? now)));

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _writer.WriteAsync(transaction => Execute(
            transaction,
            "UPDATE instances SET lock_token=NULL, locked_until=0, last_error=$error WHERE instance_id=$id AND lock_token=$token",
            ("$error", error),
            ("$id", workItem.InstanceId),
            ("$token", workItem.LockToken)));
        _orchestrationWork.Signal();
    }

    /// <inheritdoc />
    public async Task<DateTime> RenewOrchestrationWorkItemLockAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = UtcNow + lockDuration;
        var updated = await _writer.WriteAsync(transaction => Execute(
            transaction,
            "UPDATE instances SET locked_until=$until WHERE instance_id=$id AND lock_token=$token",
            ("$until", Ticks(until)),
            ("$id", workItem.InstanceId),
            ("$token", workItem.LockToken)));
        return updated == 0
            ? throw new WorkItemLockLostException($"The lock on instance '{workItem.InstanceId}' was lost.")
            : until;
    }

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default) =>
        (await LockNextActivityWorkItemsAsync(1, lockDuration, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivityWorkItemsAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var now = UtcNow;
        var until = now + lockDuration;
        var token = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        return await _writer.WriteAsync(transaction =>
        {
            using var command = Command(
                transaction,
                """
                UPDATE activities SET lock_token=$token, locked_until=$until, dispatch_count=dispatch_count+1
                WHERE id IN (SELECT id FROM activities WHERE visible_at <= $now AND locked_until <= $now ORDER BY id LIMIT $max)
                RETURNING id, instance_id, execution_id, task_id, name, version, input, dispatch_count, last_error
                """,
                ("$token", token),
                ("$until", Ticks(until)),
                ("$now", Ticks(now)),
                ("$max", maxCount));
            using var reader = command.ExecuteReader();
            var items = new List<ActivityWorkItem>(maxCount);
            while (reader.Read())
            {
                items.Add(new ActivityWorkItem
                {
                    Receipt = reader.GetInt64(0),
                    InstanceId = reader.GetString(1),
                    ExecutionId = reader.GetString(2),
                    TaskId = reader.GetInt32(3),
                    Name = reader.GetString(4),
                    Version = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Input = reader.IsDBNull(6) ? null : reader.GetString(6),
                    DispatchCount = reader.GetInt32(7),
                    LastError = reader.IsDBNull(8) ? null : reader.GetString(8),
                    LockToken = token,
                    LockedUntil = until,
                });
            }

            return (IReadOnlyList<ActivityWorkItem>)items;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var now = UtcNow;
        await _writer.WriteAsync(transaction =>
        {
            var deleted = Execute(transaction, "DELETE FROM activities WHERE id=$id AND lock_token=$token", ("$id", (long)workItem.Receipt!), ("$token", workItem.LockToken));
            if (deleted == 0)
            {
                throw new WorkItemLockLostException($"The lock on activity '{workItem.Name}' (#{workItem.TaskId}) of '{workItem.InstanceId}' expired before its result was stored.");
            }

            if (ReadStatus(transaction, result.InstanceId) is { } status && !status.IsTerminal())
            {
                InsertMessage(transaction, result, now);
            }
        });
        _orchestrationWork.Signal();
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _writer.WriteAsync(transaction => Execute(
            transaction,
            "UPDATE activities SET lock_token=NULL, locked_until=0, last_error=$error WHERE id=$id AND lock_token=$token",
            ("$error", error),
            ("$id", (long)workItem.Receipt!),
            ("$token", workItem.LockToken)));
        _activityWork.Signal();
    }

    /// <inheritdoc />
    public async Task<DateTime> RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = UtcNow + lockDuration;
        var updated = await _writer.WriteAsync(transaction => Execute(
            transaction,
            "UPDATE activities SET locked_until=$until WHERE id=$id AND lock_token=$token",
            ("$until", Ticks(until)),
            ("$id", (long)workItem.Receipt!),
            ("$token", workItem.LockToken)));
        return updated == 0
            ? throw new WorkItemLockLostException($"The lock on activity '{workItem.Name}' was lost.")
            : until;
    }

    /// <inheritdoc />
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        var metadata = Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MetadataColumns} FROM instances WHERE instance_id=$id";
            command.Parameters.AddWithValue("$id", instanceId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadMetadata(reader, includePayloads) : null;
        });
        return Task.FromResult(metadata);
    }

    private const string MetadataColumns =
        "instance_id, name, status, execution_id, created_at, last_updated_at, completed_at, scheduled_start_at, parent_instance_id, input, output, custom_status, failure";

    private static OrchestrationMetadata ReadMetadata(SqliteDataReader reader, bool includePayloads) => new()
    {
        InstanceId = reader.GetString(0),
        Name = reader.GetString(1),
        RuntimeStatus = (OrchestrationStatus)reader.GetInt32(2),
        ExecutionId = reader.GetString(3),
        CreatedAt = FromTicks(reader.GetInt64(4)),
        LastUpdatedAt = FromTicks(reader.GetInt64(5)),
        CompletedAt = reader.IsDBNull(6) ? null : FromTicks(reader.GetInt64(6)),
        ScheduledStartAt = reader.IsDBNull(7) ? null : FromTicks(reader.GetInt64(7)),
        ParentInstanceId = reader.IsDBNull(8) ? null : reader.GetString(8),
        SerializedInput = includePayloads && !reader.IsDBNull(9) ? reader.GetString(9) : null,
        SerializedOutput = includePayloads && !reader.IsDBNull(10) ? reader.GetString(10) : null,
        SerializedCustomStatus = includePayloads && !reader.IsDBNull(11) ? reader.GetString(11) : null,
        FailureDetails = HistoryJson.DeserializeFailure(reader.IsDBNull(12) ? null : reader.GetString(12)),
    };

    /// <inheritdoc />
    public Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        cancellationToken.ThrowIfCancellationRequested();
        var page = Use(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT {MetadataColumns} FROM instances WHERE 1=1");
            AppendFilter(sql, command, query.Statuses, query.CreatedFrom, query.CreatedTo);
            if (query.Name is not null)
            {
                sql.Append(" AND name = $name");
                command.Parameters.AddWithValue("$name", query.Name);
            }

            if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
            {
                sql.Append(" AND substr(instance_id, 1, length($prefix)) = $prefix");
                command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
            }

            if (query.ContinuationToken is not null)
            {
                var (ticks, lastId) = ParseContinuation(query.ContinuationToken);
                sql.Append(" AND (created_at > $ct OR (created_at = $ct AND instance_id > $cid))");
                command.Parameters.AddWithValue("$ct", ticks);
                command.Parameters.AddWithValue("$cid", lastId);
            }

            sql.Append(" ORDER BY created_at, instance_id LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.PageSize + 1);
            command.CommandText = sql.ToString();
            using var reader = command.ExecuteReader();
            var instances = new List<OrchestrationMetadata>();
            while (reader.Read())
            {
                instances.Add(ReadMetadata(reader, query.FetchInputsAndOutputs));
            }

            string? next = null;
            if (instances.Count > query.PageSize)
            {
                instances.RemoveAt(instances.Count - 1);
                var last = instances[^1];
                next = string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.Ticks}|{last.InstanceId}");
            }

            return new OrchestrationQueryPage(instances, next);
        });
        return Task.FromResult(page);
    }

    private static (long Ticks, string InstanceId) ParseContinuation(string token)
    {
        var separator = token.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || !long.TryParse(token.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new ArgumentException($"'{token}' is not a continuation token returned by a previous query.", nameof(token));
        }

        return (ticks, token[(separator + 1)..]);
    }

    private static void AppendFilter(StringBuilder sql, SqliteCommand command, IReadOnlyCollection<OrchestrationStatus>? statuses, DateTime? from, DateTime? to)
    {
        if (statuses is { Count: > 0 })
        {
            sql.Append(" AND status IN (");
            sql.AppendJoin(',', statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
            sql.Append(')');
        }

        if (from is { } f)
        {
            sql.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", Ticks(f));
        }

        if (to is { } t)
        {
            sql.Append(" AND created_at < $to");
            command.Parameters.AddWithValue("$to", Ticks(t));
        }
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        var purged = await _writer.WriteAsync(transaction =>
        {
            if (ReadStatus(transaction, instanceId) is not { } status || !status.IsTerminal())
            {
                return false;
            }

            Delete(transaction, instanceId);
            return true;
        });
        return purged;
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        var statuses = (filter.Statuses is { Count: > 0 } requested ? requested : Enum.GetValues<OrchestrationStatus>())
            .Where(s => s.IsTerminal())
            .ToArray();
        if (statuses.Length == 0)
        {
            return 0;
        }

        var count = await _writer.WriteAsync(transaction =>
        {
            var ids = new List<string>();
            using (var command = transaction.CreateCommand())
            {
                var sql = new StringBuilder("SELECT instance_id FROM instances WHERE 1=1");
                AppendFilter(sql, command, statuses, filter.CreatedFrom, filter.CreatedTo);
                command.CommandText = sql.ToString();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                Delete(transaction, id);
            }

            return ids.Count;
        });
        return count;
    }

    private static void Delete(WriteScope transaction, string instanceId)
    {
        Execute(transaction, "DELETE FROM history WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM messages WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM activities WHERE instance_id=$id", ("$id", instanceId));
        Execute(transaction, "DELETE FROM instances WHERE instance_id=$id", ("$id", instanceId));
    }

    /// <inheritdoc />
    public Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        (kind == WorkItemKind.Orchestration ? _orchestrationWork : _activityWork).WaitAsync(maxWait, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }

    private static OrchestrationStatus? ReadStatus(WriteScope transaction, string instanceId)
    {
        using var command = Command(transaction, "SELECT status FROM instances WHERE instance_id=$id", ("$id", instanceId));
        return command.ExecuteScalar() is long status ? (OrchestrationStatus)status : null;
    }

    private T Use<T>(Func<SqliteConnection, T> work)
    {
        var connection = _pool.Rent();
        try
        {
            return work(connection);
        }
        finally
        {
            _pool.Return(connection);
        }
    }

    private static CachedCommand Command(WriteScope transaction, string sql, params (string Name, object? Value)[] parameters) =>
        transaction.Command(sql, parameters);

    private static int Execute(WriteScope transaction, string sql, params (string Name, object? Value)[] parameters) =>
        transaction.Execute(sql, parameters);

    private static long Ticks(DateTime time) => (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks;

    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
