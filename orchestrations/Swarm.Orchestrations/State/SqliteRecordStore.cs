using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Swarm.Orchestrations.State;

/// <summary>The embedded <see cref="IRecordStore"/>: one SQLite file (WAL), one row per record.</summary>
/// <remarks>
/// Every write is one statement (a batch is one transaction), so a crash leaves each record either
/// written or not. ETags are fresh GUIDs per write. Reads of a missing table return nothing and
/// writes to it fail, as Azure Tables does, so code that forgets to create a table fails here first.
/// Concurrent writers (a sweep's run groups store their rows at the same time) take turns in the process and
/// wait inside SQLite across processes, so none is put to sleep for a lock another is about to release.
/// </remarks>
public sealed class SqliteRecordStore : IRecordStore
{
    private const int MaxBatch = 100;
    private readonly string _connectionString;

    // SQLite has one writer at a time: writes from this process take turns here rather than contend for the file's lock.
    private readonly Lock _writer = new();

    /// <summary>Opens (creating if needed) the store in the SQLite file <paramref name="path"/>.</summary>
    public SqliteRecordStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS tables (name TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS records (
                tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, props TEXT NOT NULL, etag TEXT NOT NULL,
                PRIMARY KEY (tbl, pk, rk)) WITHOUT ROWID;
            """);
    }

    /// <inheritdoc />
    public Task CreateTableAsync(string table, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        Write(connection => Execute(connection, "INSERT OR IGNORE INTO tables(name) VALUES ($t)", ("$t", table)));

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteTableAsync(string table, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        Write(connection =>
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, "DELETE FROM records WHERE tbl = $t", ("$t", table));
            Execute(connection, "DELETE FROM tables WHERE name = $t", ("$t", table));
            transaction.Commit();
        });

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListTablesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        using var connection = Open();
        using var command = Command(connection, "SELECT name FROM tables ORDER BY name");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    public Task<StateRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT props, etag FROM records WHERE tbl = $t AND pk = $p AND rk = $r",
            ("$t", table), ("$p", partitionKey), ("$r", rowKey));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new StateRecord(table, partitionKey, rowKey, RecordPropertyCodec.Decode(reader.GetString(0)), reader.GetString(1))
            : null);
    }

    /// <inheritdoc />
    public Task<string> InsertAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        Check(record);
        var etag = NewETag();
        Write(connection =>
        {
            RequireTable(connection, record.Table);
            try
            {
                Execute(connection, "INSERT INTO records(tbl, pk, rk, props, etag) VALUES ($t, $p, $r, $v, $e)", Values(record, etag));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new RecordConflictException($"A record already exists at {record.Table}({record.PartitionKey}, {record.RowKey}).", e);
            }
        });

        return Task.FromResult(etag);
    }

    /// <inheritdoc />
    public Task<string> UpsertAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        Check(record);
        var etag = NewETag();
        Write(connection =>
        {
            RequireTable(connection, record.Table);
            Execute(connection, "INSERT OR REPLACE INTO records(tbl, pk, rk, props, etag) VALUES ($t, $p, $r, $v, $e)", Values(record, etag));
        });

        return Task.FromResult(etag);
    }

    /// <inheritdoc />
    public Task<string> ReplaceAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        Check(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("A conditional replace needs the ETag the record was read at.", nameof(record));
        }

        var etag = NewETag();
        Write(connection =>
        {
            RequireTable(connection, record.Table);
            using var command = Command(connection, "UPDATE records SET props = $v, etag = $e WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $old",
                [.. Values(record, etag), ("$old", record.ETag)]);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new RecordConflictException($"The record at {record.Table}({record.PartitionKey}, {record.RowKey}) changed since it was read, or is gone.");
            }
        });

        return Task.FromResult(etag);
    }

    /// <inheritdoc />
    public Task UpsertBatchAsync(IReadOnlyList<StateRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (records.Count > MaxBatch || records.Any(r => r.Table != records[0].Table || r.PartitionKey != records[0].PartitionKey))
        {
            throw new ArgumentException($"A batch holds 1-{MaxBatch} records of one table and one partition.", nameof(records));
        }

        if (records.Select(r => r.RowKey).Distinct(StringComparer.Ordinal).Count() != records.Count)
        {
            throw new ArgumentException("A batch may hold each row key once, as Azure Tables requires.", nameof(records));
        }

        foreach (var record in records)
        {
            Check(record);
        }

        Write(connection =>
        {
            RequireTable(connection, records[0].Table);
            using var transaction = connection.BeginTransaction();
            foreach (var record in records)
            {
                Execute(connection, "INSERT OR REPLACE INTO records(tbl, pk, rk, props, etag) VALUES ($t, $p, $r, $v, $e)", Values(record, NewETag()));
            }

            transaction.Commit();
        });

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        Write(connection =>
        {
            if (ifMatch is null)
            {
                Execute(connection, "DELETE FROM records WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", table), ("$p", partitionKey), ("$r", rowKey));
                return;
            }

            using var command = Command(connection, "DELETE FROM records WHERE tbl = $t AND pk = $p AND rk = $r AND etag = $e",
                ("$t", table), ("$p", partitionKey), ("$r", rowKey), ("$e", ifMatch));
            if (command.ExecuteNonQuery() == 0)
            {
                using var exists = Command(connection, "SELECT 1 FROM records WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", table), ("$p", partitionKey), ("$r", rowKey));
                if (exists.ExecuteScalar() is not null)
                {
                    throw new RecordConflictException($"The record at {table}({partitionKey}, {rowKey}) changed since it was read.");
                }
            }
        });

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StateRecord> QueryAsync(string table, string? partitionKey = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        using var connection = Open();
        using var command = partitionKey is null
            ? Command(connection, "SELECT pk, rk, props, etag FROM records WHERE tbl = $t ORDER BY pk, rk", ("$t", table))
            : Command(connection, "SELECT pk, rk, props, etag FROM records WHERE tbl = $t AND pk = $p ORDER BY pk, rk", ("$t", table), ("$p", partitionKey));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StateRecord(table, reader.GetString(0), reader.GetString(1), RecordPropertyCodec.Decode(reader.GetString(2)), reader.GetString(3));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StateRecord> QueryRangeAsync(string table, string partitionKey, string fromRowKey, string toRowKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(fromRowKey);
        ArgumentNullException.ThrowIfNull(toRowKey);
        await Task.Yield();
        using var connection = Open();
        using var command = Command(
            connection,
            "SELECT pk, rk, props, etag FROM records WHERE tbl = $t AND pk = $p AND rk >= $from AND rk <= $to ORDER BY rk",
            ("$t", table),
            ("$p", partitionKey),
            ("$from", fromRowKey),
            ("$to", toRowKey));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StateRecord(table, reader.GetString(0), reader.GetString(1), RecordPropertyCodec.Decode(reader.GetString(2)), reader.GetString(3));
        }
    }

    /// <summary>Runs <paramref name="write"/> on its own connection, one writer of this process at a time.</summary>
    private void Write(Action<SqliteConnection> write)
    {
        lock (_writer)
        {
            using var connection = Open();
            write(connection);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // In WAL mode NORMAL still survives a process crash (only power loss can lose the last
        // commits), and it saves an fsync per write.
        Execute(connection, "PRAGMA synchronous=NORMAL");
        // A writer that finds the file locked by another process waits inside SQLite, which retries within milliseconds;
        // Microsoft.Data.Sqlite's own retry would sleep 150 ms per attempt.
        Execute(connection, "PRAGMA busy_timeout=30000");
        return connection;
    }

    private static void RequireTable(SqliteConnection connection, string table)
    {
        using var command = Command(connection, "SELECT 1 FROM tables WHERE name = $t", ("$t", table));
        if (command.ExecuteScalar() is null)
        {
            throw new InvalidOperationException($"Table '{table}' does not exist; create it first.");
        }
    }

    private static void Check(StateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        StateNames.CheckTable(record.Table);
        StateNames.CheckKey(record.PartitionKey, nameof(record));
        StateNames.CheckKey(record.RowKey, nameof(record));
    }

    private static (string, object)[] Values(StateRecord record, string etag) =>
        [("$t", record.Table), ("$p", record.PartitionKey), ("$r", record.RowKey), ("$v", RecordPropertyCodec.Encode(record.Properties)), ("$e", etag)];

    private static string NewETag() => $"W/\"{Guid.NewGuid():N}\"";

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
