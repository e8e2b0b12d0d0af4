namespace Swarm.Durable.Embedded;

/// <summary>What <see cref="TaskHubFile.Check"/> found at a task hub path.</summary>
public enum TaskHubFileState
{
    /// <summary>No file: a task hub would be created there.</summary>
    Missing,

    /// <summary>A file with no task hub in it (zero bytes, or a SQLite database without the task hub's tables).</summary>
    Empty,

    /// <summary>A sound, writable task hub.</summary>
    Ready,
}
