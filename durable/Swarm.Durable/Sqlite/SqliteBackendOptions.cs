namespace Swarm.Durable.Sqlite;

/// <summary>Settings of the embedded SQLite backend.</summary>
/// <param name="DatabasePath">The database file; its folder is created when missing.</param>
public sealed record SqliteBackendOptions(string DatabasePath)
{
    /// <summary>Most messages handed to one orchestration episode.</summary>
    public int MaxMessagesPerWorkItem { get; init; } = 1000;

    /// <summary>
    /// Flush to disk at every commit (<c>FULL</c>) or at WAL checkpoints (<c>NORMAL</c>, the default: a process crash
    /// loses nothing; only an operating-system crash or power loss can lose the last commits).
    /// </summary>
    public bool FullSync { get; init; }

    /// <summary>How long a write waits for another connection's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
