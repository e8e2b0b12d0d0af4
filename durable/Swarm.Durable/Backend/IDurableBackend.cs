using Swarm.Durable.History;

namespace Swarm.Durable.Backend;

/// <summary>
/// Where a task hub keeps its instances, histories and queues. The embedded SQLite backend and the Azure Storage
/// backend implement it; one conformance suite checks both.
/// </summary>
/// <remarks>
/// Contract: work items are locked for a duration and may be taken again once the lock expires (a crashed worker's
/// work is not lost); completing an orchestration work item is atomic; each lock increments a dispatch count that is
/// reset by completion, so callers can give up on work that keeps failing. Implementations are thread-safe.
/// </remarks>
public interface IDurableBackend : IAsyncDisposable
{
    /// <summary>Creates the store's tables/queues when missing.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an instance in Pending status and queues its ExecutionStarted message.</summary>
    /// <param name="start">The start event (instance and execution ids set).</param>
    /// <param name="replaceFinished">Replace an existing finished instance with the same id; otherwise that is an error.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="OrchestrationAlreadyExistsException">The id belongs to an instance that is not finished, or to a finished one and <paramref name="replaceFinished"/> is false.</exception>
    Task CreateInstanceAsync(ExecutionStartedEvent start, bool replaceFinished, CancellationToken cancellationToken = default);

    /// <summary>Queues a message (raise, terminate, suspend, resume) for an existing instance.</summary>
    /// <remarks>Terminating a Pending instance terminates it at once; messages to finished instances are dropped.</remarks>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default);

    /// <summary>Locks the next instance with deliverable messages, or returns null.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Locks up to <paramref name="maxCount"/> instances with deliverable messages (empty when none).</summary>
    /// <remarks>The default takes one; a backend that can lock several in one round trip should override it.</remarks>
    async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationWorkItemsAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default) =>
        await LockNextOrchestrationWorkItemAsync(lockDuration, cancellationToken).ConfigureAwait(false) is { } item ? [item] : [];

    /// <summary>The current execution's stored history, in order.</summary>
    /// <exception cref="Execution.HistoryCorruptedException">The stored history cannot be read.</exception>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Atomically stores an episode's results, deletes its messages and releases the lock.</summary>
    /// <exception cref="WorkItemLockLostException">The lock expired and nothing was stored.</exception>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock without consuming messages, recording <paramref name="error"/>.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, string? error, CancellationToken cancellationToken = default);

    /// <summary>Extends the lock; returns the new expiry.</summary>
    /// <exception cref="WorkItemLockLostException">The lock had already been lost.</exception>
    Task<DateTime> RenewOrchestrationWorkItemLockAsync(OrchestrationWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Locks the next activity invocation, or returns null.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Locks up to <paramref name="maxCount"/> activity invocations (empty when none).</summary>
    /// <remarks>The default takes one; a backend that can lock several in one round trip should override it.</remarks>
    async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivityWorkItemsAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default) =>
        await LockNextActivityWorkItemAsync(lockDuration, cancellationToken).ConfigureAwait(false) is { } item ? [item] : [];

    /// <summary>Atomically deletes the activity and queues its result message for the orchestration.</summary>
    /// <exception cref="WorkItemLockLostException">The lock expired and nothing was stored.</exception>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellationToken = default);

    /// <summary>Releases the activity's lock, recording <paramref name="error"/>.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, string? error, CancellationToken cancellationToken = default);

    /// <summary>Extends the activity's lock; returns the new expiry.</summary>
    /// <exception cref="WorkItemLockLostException">The lock had already been lost.</exception>
    Task<DateTime> RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Reads one instance, or null.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>One page of instances matching <paramref name="query"/>, oldest first.</summary>
    Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance and its history; false when it does not exist or is not finished.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every finished instance matching <paramref name="filter"/>; returns how many.</summary>
    Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Returns when work of <paramref name="kind"/> may be available, or after <paramref name="maxWait"/>.</summary>
    /// <remarks>A hint for pollers: an implementation without notifications simply waits.</remarks>
    Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
