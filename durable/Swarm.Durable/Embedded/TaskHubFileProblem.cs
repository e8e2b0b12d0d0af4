namespace Swarm.Durable.Embedded;

/// <summary>Why a task hub file cannot be used.</summary>
public enum TaskHubFileProblem
{
    /// <summary>Not a SQLite file, or one whose pages fail SQLite's integrity check.</summary>
    Corrupt,

    /// <summary>The file, or the folder its WAL and shared-memory files go in, cannot be written.</summary>
    ReadOnly,

    /// <summary>The path cannot be opened at all (a folder, no permission, an unreadable device).</summary>
    Unopenable,
}
