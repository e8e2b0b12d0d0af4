using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;

/// <summary>
/// The one connection that writes the task hub file: every write waits in a queue and whatever is queued commits
/// together in one transaction (group commit), so many small completions cost one fsync-free WAL commit.
/// </summary>
/// <remarks>
/// Each write runs under its own savepoint: a write that fails for its own reasons is rolled back alone and its caller
/// gets the exception. A fault of the machine (disk full, I/O error, busy file) rolls back the whole batch and fails
/// every write in it, since none of them is durable.
/// </remarks>
internal sealed class TaskHubWriter : IAsyncDisposable
{
    private readonly ConcurrentQueue<IQueuedWrite> _queue = new();
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<IQueuedWrite> _batch;
    private readonly int _maxBatch;
    private volatile bool _disposed;

    public TaskHubWriter(string connectionString, int maxBatch)
    {
        _maxBatch = Math.Max(1, maxBatch);
        _batch = new List<IQueuedWrite>(_maxBatch);
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        TaskHubSchema.Configure(_connection);
    }

    /// <summary>Runs <paramref name="write"/> in the next group transaction and completes once that transaction is committed.</summary>
    /// <remarks>
    /// The caller that finds the connection free commits everything queued so far on its own thread (itself included),
    /// so an uncontended write costs no thread hop; callers arriving meanwhile are committed together in the next batch.
    /// </remarks>
    public Task<T> WriteAsync<T>(Func<TaskHubWriter, T> write)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var queued = new QueuedWrite<T>(write);
        _queue.Enqueue(queued);
        Drain();
        return queued.Task;
    }

    /// <summary>A prepared command for <paramref name="sql"/> on the writing connection, its parameters cleared; only inside a write.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        lock (_gate)
        {
            while (_queue.TryDequeue(out var write))
            {
                write.Fail(new ObjectDisposedException(nameof(TaskHubWriter)));
            }

            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            _connection.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Drain()
    {
        // Re-checked after every release: a write queued while the holder was committing is never left behind.
        while (!_queue.IsEmpty && _gate.TryEnter())
        {
            try
            {
                if (_disposed)
                {
                    return;
                }

                while (_batch.Count < _maxBatch && _queue.TryDequeue(out var write))
                {
                    _batch.Add(write);
                }

                Commit(_batch);
            }
            finally
            {
                _batch.Clear();
                _gate.Exit();
            }
        }
    }

    private void Commit(List<IQueuedWrite> batch)
    {
        try
        {
            Execute("BEGIN IMMEDIATE");
        }
        catch (Exception e)
        {
            FailAll(batch, e);
            return;
        }

        if (batch.Count == 1)
        {
            // Alone in its transaction, a write needs no savepoint: whatever it fails with rolls back the transaction.
            CommitAlone(batch[0]);
            return;
        }

        try
        {
            foreach (var write in batch)
            {
                Execute("SAVEPOINT w");
                try
                {
                    write.Run(this);
                    Execute("RELEASE w");
                }
                catch (Exception e) when (!EnvironmentFault.Is(e))
                {
                    Execute("ROLLBACK TO w");
                    Execute("RELEASE w");
                    write.Fail(e);
                }
            }

            Execute("COMMIT");
        }
        catch (Exception e)
        {
            TryRollback();
            FailAll(batch, e);
            return;
        }

        foreach (var write in batch)
        {
            write.Publish();
        }
    }

    private void CommitAlone(IQueuedWrite write)
    {
        try
        {
            write.Run(this);
            Execute("COMMIT");
        }
        catch (Exception e)
        {
            TryRollback();
            write.Fail(e);
            return;
        }

        write.Publish();
    }

    private void Execute(string sql) => Command(sql).ExecuteNonQuery();

    private void TryRollback()
    {
        try
        {
            Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (it does after some I/O and disk-full errors).
        }
    }

    private static void FailAll(List<IQueuedWrite> batch, Exception e)
    {
        foreach (var write in batch)
        {
            write.Fail(e);
        }
    }

    private interface IQueuedWrite
    {
        void Run(TaskHubWriter writer);

        void Fail(Exception exception);

        void Publish();
    }

    private sealed class QueuedWrite<T>(Func<TaskHubWriter, T> write) : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _failed;

        public Task<T> Task => _completion.Task;

        public void Run(TaskHubWriter writer)
        {
            _failed = false;
            _result = write(writer);
        }

        public void Fail(Exception exception)
        {
            _failed = true;
            _completion.TrySetException(exception);
        }

        public void Publish()
        {
            if (!_failed)
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}
