using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Sqlite;

/// <summary>
/// Runs write operations with group commit: whoever finds the writer idle becomes it and runs every queued operation
/// in one <c>BEGIN IMMEDIATE</c> transaction, each inside its own savepoint, on one connection with prepared statements.
/// </summary>
/// <remarks>
/// SQLite has a single writer anyway; combining concurrent operations into one commit shares the WAL append and the file
/// locking among them. An operation that throws rolls back to its savepoint only, so it never affects the others, and
/// no caller sees success before the commit that contains its writes.
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

        try
        {
            _connection ??= _pool.Rent();
            using var transaction = _connection.BeginTransaction(deferred: false);
            var scope = new WriteScope(_connection, transaction, _statements);
            foreach (var operation in batch)
            {
                scope.Execute("SAVEPOINT operation");
                try
                {
                    operation.Run(scope);
                    scope.Execute("RELEASE operation");
                }
#pragma warning disable CA1031 // The operation's exception is handed to its caller; the rest of the batch proceeds.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    scope.Execute("ROLLBACK TO operation");
                    scope.Execute("RELEASE operation");
                    operation.Failed(ex);
                }
            }

            transaction.Commit();
        }
#pragma warning disable CA1031 // A failed begin or commit fails every operation of the batch; each caller sees the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var operation in batch)
            {
                operation.Failed(ex);
            }

            ResetConnection();
        }

        foreach (var operation in batch)
        {
            operation.Publish();
        }
    }

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
