namespace Swarm.Durable.Embedded;

/// <summary>Settings of a <see cref="SqliteOrchestrationService"/>: where the task hub lives and how it dispatches.</summary>
/// <param name="FilePath">The SQLite file of the task hub; created on <c>CreateIfNotExistsAsync</c>.</param>
public sealed record SqliteOrchestrationServiceOptions(string FilePath)
{
    /// <summary>How long a locked work item stays invisible to other workers; a killed process's work reappears after this.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between looks at the file for work another process enqueued (work enqueued here wakes dispatchers at once).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long an extended session keeps an idle orchestration (and its execution cursor) in memory, waiting for its next messages.</summary>
    /// <remarks>Keep well below <see cref="LockDuration"/>: the instance stays locked while its session waits.</remarks>
    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Orchestration episodes processed at once (half of them may hold extended sessions).</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 256;

    /// <summary>Activities executed at once.</summary>
    public int MaxConcurrentActivities { get; init; } = 64;

    /// <summary>Dispatches of one work item after which a repeating processing failure is poison: the activity fails, or the orchestration fails.</summary>
    /// <remarks>A dispatch that ended in a fault of the machine (disk full, I/O error, file busy) does not count.</remarks>
    public int MaxDispatchAttempts { get; init; } = 10;

    /// <summary>The longest back-off between retries while the machine is at fault (disk full, I/O error, file busy).</summary>
    public TimeSpan MaxEnvironmentBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Work-item completions, locks and messages committed together in one transaction at most.</summary>
    public int MaxGroupCommit { get; init; } = 512;
}
