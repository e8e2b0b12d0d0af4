using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>
/// One execution kept in memory between episodes (like extended sessions): after the first episode only new events are
/// applied, so a long sequential orchestration costs O(n) instead of O(n²) replays.
/// </summary>
/// <remarks>
/// The caller must apply exactly the events the backend committed, in order: <see cref="HistoryLength"/> counts them
/// so a cache can check it against the stored history and replay from scratch when they differ.
/// </remarks>
public sealed class OrchestrationExecution
{
    private readonly ReplayOrchestrationContext _context;

    internal OrchestrationExecution(ReplayOrchestrationContext context) => _context = context;

    /// <summary>The instance id.</summary>
    public string InstanceId => _context.InstanceId;

    /// <summary>The execution id from the ExecutionStarted event, once seen.</summary>
    public string? ExecutionId => _context.ExecutionId;

    /// <summary>The ExecutionStarted event, once seen (name, input, parent).</summary>
    public ExecutionStartedEvent? StartedEvent => _context.Started;

    /// <summary>True once the execution has produced its completion action.</summary>
    public bool IsCompleted => _context.IsCompleted;

    /// <summary>The number of history events this execution has seen (past and new).</summary>
    public int HistoryLength { get; private set; }

    /// <summary>Replays committed history (no new actions are returned; side effects are suppressed).</summary>
    public void Replay(IReadOnlyList<HistoryEvent> pastEvents)
    {
        ArgumentNullException.ThrowIfNull(pastEvents);
        _context.Apply(pastEvents, replaying: true);
        HistoryLength += pastEvents.Count;
    }

    /// <summary>Applies new events and returns the new actions.</summary>
    public OrchestratorResult Advance(IReadOnlyList<HistoryEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(newEvents);
        var result = _context.Apply(newEvents, replaying: false);
        HistoryLength += newEvents.Count;
        return result;
    }

    /// <summary>Records that the backend appended <paramref name="count"/> more events (those produced from the actions).</summary>
    public void Committed(int count) => HistoryLength += count;
}
