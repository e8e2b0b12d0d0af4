using Microsoft.Data.Sqlite;

namespace Swarm.Functions.Intake;

/// <summary>
/// The embedded job queue: one SQLite file (<c>jobs.db</c> in the data folder), with Service Bus peek-lock
/// semantics — a lease with an expiry, complete, abandon and a delivery count.
/// </summary>
/// <remarks>
/// Receiving is one <c>UPDATE … RETURNING</c> statement that takes the oldest visible message and hides it until
/// the lease expires, so two receivers (threads or processes) never hold the same delivery. Completing and
/// abandoning check the lease id: a receiver whose lease expired, and whose message was delivered again, changes
/// nothing. Lease expiry is read from the <see cref="TimeProvider"/>, so tests can expire leases with a fake clock.
/// </remarks>
public sealed class EmbeddedJobQueue : IJobQueue, IDisposable
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "jobs.db";

    private readonly string _connectionString;
    private readonly string _queue;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sent = new(0);

    /// <summary>Opens (creating if needed) queue <paramref name="queueName"/> in the SQLite file <paramref name="path"/>.</summary>
    public EmbeddedJobQueue(string path, string queueName = IntakeOptions.DefaultQueueName, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _queue = queueName;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Opens the queue in <paramref name="dataFolder"/> (the embedded backend's folder).</summary>
    public static EmbeddedJobQueue InDataFolder(string dataFolder, string queueName = IntakeOptions.DefaultQueueName, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        return new EmbeddedJobQueue(Path.Combine(dataFolder, FileName), queueName, time);
    }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL,
                message_id TEXT,
                content_type TEXT,
                trace_parent TEXT,
                body BLOB NOT NULL,
                enqueued_at INTEGER NOT NULL,
                visible_at INTEGER NOT NULL,
                delivery_count INTEGER NOT NULL DEFAULT 0,
                lease TEXT);
            CREATE INDEX IF NOT EXISTS messages_visible ON messages (queue, visible_at, seq);
            """);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendAsync(IntakeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var connection = Open())
        {
            Execute(
                connection,
                "INSERT INTO messages (queue, message_id, content_type, trace_parent, body, enqueued_at, visible_at) VALUES ($q, $id, $ct, $tp, $body, $now, $now)",
                ("$q", _queue), ("$id", message.MessageId), ("$ct", message.ContentType), ("$tp", message.TraceParent), ("$body", message.Body.ToArray()), ("$now", now));
        }

        _sent.Release();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JobQueueMessage?> ReceiveAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var leaseId = Guid.NewGuid().ToString("N");
        using var connection = Open();
        using var command = Command(
            connection,
            """
            UPDATE messages SET delivery_count = delivery_count + 1, visible_at = $until, lease = $lease
            WHERE seq = (SELECT seq FROM messages WHERE queue = $q AND visible_at <= $now ORDER BY seq LIMIT 1)
            RETURNING seq, message_id, content_type, trace_parent, body, enqueued_at, delivery_count
            """,
            ("$q", _queue), ("$now", now.ToUnixTimeMilliseconds()), ("$until", (now + lease).ToUnixTimeMilliseconds()), ("$lease", leaseId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<JobQueueMessage?>(null);
        }

        var message = new IntakeMessage(
            reader.IsDBNull(1) ? null : reader.GetString(1),
            BinaryData.FromBytes((byte[])reader.GetValue(4)),
            reader.GetInt32(6),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3));
        var received = new JobQueueMessage(
            message,
            reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            leaseId,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
        return Task.FromResult<JobQueueMessage?>(received);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(JobQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var connection = Open();
        var deleted = Execute(connection, "DELETE FROM messages WHERE seq = $seq AND lease = $lease", ("$seq", Seq(message)), ("$lease", message.LeaseToken));
        return Task.FromResult(deleted == 1);
    }

    /// <inheritdoc />
    public Task<bool> AbandonAsync(JobQueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibleAt = (_time.GetUtcNow() + (retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter)).ToUnixTimeMilliseconds();
        using var connection = Open();
        var updated = Execute(
            connection,
            "UPDATE messages SET visible_at = $at, lease = NULL WHERE seq = $seq AND lease = $lease",
            ("$at", visibleAt), ("$seq", Seq(message)), ("$lease", message.LeaseToken));
        return Task.FromResult(updated == 1);
    }

    /// <inheritdoc />
    public async Task WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (await _sent.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false))
        {
            // Every send releases once; drain the rest so one receive loop does not spin on stale signals.
            while (_sent.CurrentCount > 0 && _sent.Wait(0, CancellationToken.None))
            {
            }
        }
    }

    /// <summary>How many messages the queue holds, visible or leased.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT COUNT(*) FROM messages WHERE queue = $q", ("$q", _queue));
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public void Dispose() => _sent.Dispose();

    private static long Seq(JobQueueMessage message) =>
        long.TryParse(message.QueueMessageId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw new ArgumentException($"'{message.QueueMessageId}' is not a message of the embedded queue.", nameof(message));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
