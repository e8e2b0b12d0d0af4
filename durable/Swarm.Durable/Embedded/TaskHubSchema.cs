using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;

/// <summary>The tables of the SQLite task hub and the connection settings every connection to it uses.</summary>
/// <remarks>
/// Times are UTC ticks. <c>instances.ready</c> is the earliest visible time of the instance's queued messages (NULL when it
/// has none), kept up to date by every write that queues or consumes them, so finding the next instance to run is one
/// index seek instead of a scan of the message table. Message ids never repeat (AUTOINCREMENT): a session tells the
/// messages it has delivered from new ones by id. <c>activity_messages.visible</c> doubles as the lock: a locked
/// message is invisible until its lock expires.
/// </remarks>
internal static class TaskHubSchema
{
    /// <summary>The schema version written to <c>PRAGMA user_version</c>.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT NOT NULL PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            status INTEGER NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            completed INTEGER,
            state TEXT NOT NULL,
            input TEXT,
            output TEXT,
            ready INTEGER,
            locked_by TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0,
            dispatches INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS instances_ready ON instances(ready) WHERE ready IS NOT NULL;
        CREATE INDEX IF NOT EXISTS instances_created ON instances(created);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS orchestration_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            visible INTEGER NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS orchestration_messages_instance ON orchestration_messages(instance_id, visible);
        CREATE TABLE IF NOT EXISTS activity_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            visible INTEGER NOT NULL,
            locked_by TEXT,
            dispatches INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS activity_messages_visible ON activity_messages(visible);
        CREATE INDEX IF NOT EXISTS activity_messages_instance ON activity_messages(instance_id);
        """;

    public const string Drop = """
        DROP TABLE IF EXISTS instances;
        DROP TABLE IF EXISTS history;
        DROP TABLE IF EXISTS orchestration_messages;
        DROP TABLE IF EXISTS activity_messages;
        """;

    /// <summary>The connection string for <paramref name="filePath"/>.</summary>
    public static string ConnectionString(string filePath, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate) => new SqliteConnectionStringBuilder
    {
        DataSource = filePath,
        Mode = mode,
        Pooling = true,
        // Seconds Microsoft.Data.Sqlite keeps retrying a busy file before giving up with SQLITE_BUSY.
        DefaultTimeout = 5,
    }.ToString();

    /// <summary>WAL, normal sync (durable across a process crash), and a page cache worth having.</summary>
    public static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;";
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the tables that are missing and stamps the schema version.</summary>
    public static void Ensure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Create + $"PRAGMA user_version={Version};";
        command.ExecuteNonQuery();
    }
}
