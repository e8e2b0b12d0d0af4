using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Sqlite;

/// <summary>Open connections with the backend's pragmas applied once, reused across calls.</summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly string _connectionString;
    private readonly SqliteBackendOptions _options;

    public SqliteConnectionPool(SqliteBackendOptions options)
    {
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public SqliteConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(_options.FullSync ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={(int)_options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=4000;");
        pragma.ExecuteNonQuery();
        return connection;
    }

    public void Return(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
