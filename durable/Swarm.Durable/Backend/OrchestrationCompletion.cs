using Swarm.Durable.History;

namespace Swarm.Durable.Backend;

/// <summary>
/// Everything one episode produced, committed atomically: new history, the instance's new state and every outgoing
/// message. Either all of it is stored and the work item's messages are deleted, or none of it is.
/// </summary>
public sealed record OrchestrationCompletion
{
    /// <summary>Events to append to the current execution's history (or, with <see cref="ResetHistory"/>, the whole new history).</summary>
    public IReadOnlyList<HistoryEvent> AppendedHistory { get; init; } = [];

    /// <summary>Discard the stored history first (ContinueAsNew starts a new execution).</summary>
    public bool ResetHistory { get; init; }

    /// <summary>The execution id from now on, when it changes (ContinueAsNew).</summary>
    public string? NewExecutionId { get; init; }

    /// <summary>The new runtime status; null leaves the instance state untouched (messages are only consumed).</summary>
    public OrchestrationStatus? Status { get; init; }

    /// <summary>The new serialized input, when it changes (ContinueAsNew).</summary>
    public string? Input { get; init; }

    /// <summary>The serialized output.</summary>
    public string? Output { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Activities to queue.</summary>
    public IReadOnlyList<ActivityMessage> Activities { get; init; } = [];

    /// <summary>
    /// Messages to orchestration instances: timers (with <see cref="TaskMessage.VisibleAt"/>), events, results for a parent,
    /// and ExecutionStarted messages that create sub-orchestration instances.
    /// </summary>
    /// <remarks>
    /// An ExecutionStarted message creates (or replaces a finished) instance; when the id belongs to an instance that is
    /// still running, the backend answers the parent with SubOrchestrationInstanceFailed instead. Messages to instances
    /// that do not exist are dropped, as in Durable Task. With <see cref="ResetHistory"/>, the messages addressed to this
    /// instance with <see cref="NewExecutionId"/> are the new execution's first events (its ExecutionStarted, then the
    /// events carried over by ContinueAsNew, in order): they must be delivered before any other pending message.
    /// </remarks>
    public IReadOnlyList<TaskMessage> Messages { get; init; } = [];
}
