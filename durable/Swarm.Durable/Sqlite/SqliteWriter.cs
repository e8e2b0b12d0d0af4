using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Sqlite;

/// <summary>
/// Runs write operations with group commit: whoever finds the writer idle becomes it and runs every queued operation
/// in one <c>BEGIN IMMEDIATE</c> transaction on one connection with prepared statements.
/// </summary>
/// <remarks>
/// SQLite has a single writer anyway; combining concurrent operations into one commit shares the WAL append and the file
/// locking among them. An operation that fails before writing does not disturb the others; one that fails in a way that
/// may have written part of its work rolls the transaction back and the others run again without it. No caller sees
/// success before the commit that contains its writes.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<IWriteOperation> _queue = new();
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly SqliteConnectionPool _pool;
    private SqliteConnection? _connection;
    private int _writing;

    public SqliteWriter(SqliteConnectionPool pool) => _pool = pool;

    public Task WriteAsync(Action<WriteScope> work) => WriteAsync(scope =>
    {
        work(scope);
        return true;
    });

    public Task<T> WriteAsync<T>(Func<WriteScope, T> work)
    {
        var operation = new WriteOperation<T>(work);
        _queue.Enqueue(operation);
        Drain();
        return operation.Task;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _connection?.Dispose();
    }

    private void Drain()
    {
        while (true)
        {
            if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                // The active writer takes our operation: it re-checks the queue after it stops writing.
                return;
            }

            try
            {
                while (!_queue.IsEmpty)
                {
                    RunBatch();
                }
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }

            if (_queue.IsEmpty)
            {
                return;
            }
        }
    }

    private void RunBatch()
    {
        var batch = new List<IWriteOperation>(Math.Min(MaxBatch, _queue.Count));
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var operation))
        {
            batch.Add(operation);
        }

        var pending = new List<IWriteOperation>(batch);
        while (pending.Count > 0 && !TryCommit(pending))
        {
            // TryCommit removed the operation that broke the transaction; the others run again in a new one.
        }

        foreach (var operation in batch)
        {
            operation.Publish();
        }
    }

    /// <summary>
    /// Runs <paramref name="pending"/> in one transaction. Returns false (after rolling back and removing the culprit)
    /// when an operation failed in a way that may have left partial writes.
    /// </summary>
    private bool TryCommit(List<IWriteOperation> pending)
    {
        try
        {
            _connection ??= _pool.Rent();
            using var transaction = _connection.BeginTransaction(deferred: false);
            var scope = new WriteScope(_connection, transaction, _statements);
            for (var i = 0; i < pending.Count; i++)
            {
                var operation = pending[i];
                operation.Reset();
                try
                {
                    operation.Run(scope);
                }
                catch (Exception ex) when (FailsBeforeWriting(ex))
                {
                    operation.Failed(ex);
                }
#pragma warning disable CA1031 // Any other failure may have written half an operation: roll back and retry the rest without it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    transaction.Rollback();
                    operation.Failed(ex);
                    pending.RemoveAt(i);
                    return false;
                }
            }

            transaction.Commit();
            pending.Clear();
            return true;
        }
#pragma warning disable CA1031 // A failed begin or commit fails every operation still pending; each caller sees the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var operation in pending)
            {
                operation.Failed(ex);
            }

            pending.Clear();
            ResetConnection();
            return true;
        }
    }

    /// <summary>
    /// The backend's operations throw these only before their first write (they check, then write), so the transaction
    /// stays clean and the rest of the batch can commit. Any other exception is treated as a possible partial write.
    /// </summary>
    private static bool FailsBeforeWriting(Exception exception) =>
        exception is Backend.WorkItemLockLostException or OrchestrationAlreadyExistsException or OrchestrationNotFoundException;

    private void ResetConnection()
    {
        // After a failed commit the connection's state is unknown: start over with a fresh one.
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private interface IWriteOperation
    {
        void Reset();

        void Run(WriteScope scope);

        void Failed(Exception error);

        void Publish();
    }

    private sealed class WriteOperation<T>(Func<WriteScope, T> work) : IWriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public void Reset()
        {
            _result = default;
            _error = null;
        }

        public void Run(WriteScope scope) => _result = work(scope);

        public void Failed(Exception error) => _error ??= error;

        public void Publish()
        {
            if (_error is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(_error);
            }
        }
    }
}
