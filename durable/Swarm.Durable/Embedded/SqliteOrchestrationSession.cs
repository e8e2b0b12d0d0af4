using System.Collections.Concurrent;
using DurableTask.Core;

namespace Swarm.Durable.Embedded;

/// <summary>
/// An extended session: the instance stays locked and its execution cursor stays in DurableTask.Core's dispatcher
/// between episodes, so each episode runs only the new messages instead of replaying the whole history.
/// </summary>
/// <remarks>
/// Messages this process commits for the instance are handed to the session in memory (<see cref="Offer"/>), so the hot
/// path reads nothing back from the file. The file is read when something else may have arrived: at the start, after a
/// wake without a handed-over message (a timer, a message from another process), and at every poll. The session waits up
/// to <see cref="SqliteOrchestrationServiceOptions.ExtendedSessionIdleTimeout"/> for its next messages.
/// Invariant: a message id is delivered at most once per session, whichever way it came.
/// </remarks>
internal sealed class SqliteOrchestrationSession(SqliteOrchestrationService service, string instanceId) : IOrchestrationSession
{
    private readonly ConcurrentQueue<(long Id, TaskMessage Message)> _offered = new();

    /// <summary>Set when a message for this instance is committed in this process.</summary>
    public WakeSignal Wake { get; } = new();

    public string InstanceId { get; } = instanceId;

    /// <summary>Ids delivered during this session; only the session's fetch touches it.</summary>
    public HashSet<long> Delivered { get; } = [];

    /// <summary>Whether the next fetch must look at the file rather than only at handed-over messages.</summary>
    public bool NeedsRead { get; set; } = true;

    /// <summary>Hands over a committed message for the instance; the file keeps it until its episode completes.</summary>
    public void Offer(long id, TaskMessage message)
    {
        _offered.Enqueue((id, message));
        Wake.Set();
    }

    /// <summary>Takes the handed-over messages not yet delivered.</summary>
    public void TakeOffered(List<TaskMessage> messages, List<long> ids)
    {
        while (_offered.TryDequeue(out var offered))
        {
            if (Delivered.Add(offered.Id))
            {
                ids.Add(offered.Id);
                messages.Add(offered.Message);
            }
        }
    }

    /// <summary>Whether messages were handed over and not yet taken.</summary>
    public bool HasOffered => !_offered.IsEmpty;

    /// <inheritdoc />
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem) =>
        service.FetchSessionMessagesAsync(this, (SqliteOrchestrationWorkItem)workItem);

    /// <inheritdoc />
    public Task EndSessionAsync()
    {
        service.EndSession(this);
        return Task.CompletedTask;
    }
}
