using DurableTask.Core;

namespace Swarm.Durable.Embedded;

/// <summary>One orchestration episode's completion, serialized before it reaches the writer so the shared transaction stays short.</summary>
internal sealed class EpisodeWrite(
    SqliteOrchestrationWorkItem workItem,
    OrchestrationRuntimeState runtimeState,
    IList<TaskMessage> outbound,
    IList<TaskMessage> toOrchestrations,
    IList<TaskMessage> timers,
    OrchestrationState? state)
{
    public SqliteOrchestrationWorkItem WorkItem { get; } = workItem;

    /// <summary>The execution the episode ends in (a new one after ContinueAsNew).</summary>
    public string ExecutionId { get; private set; } = string.Empty;

    /// <summary>Whether the history is replaced by a new execution's rather than appended to.</summary>
    public bool NewExecution { get; private set; }

    /// <summary>History position of the first event in <see cref="Events"/>.</summary>
    public int FirstSeq { get; private set; }

    /// <summary>History events stored once the episode is written.</summary>
    public int StoredEvents { get; private set; }

    public List<string> Events { get; } = [];

    public OrchestrationState? State { get; } = state;

    /// <summary>The instance state without input and output, which live in their own columns.</summary>
    public string StateJson { get; private set; } = string.Empty;

    public List<(TaskMessage Message, string Json)> Outbound { get; } = [];

    public List<(TaskMessage Message, string Json)> ToOrchestrations { get; } = [];

    public List<(TaskMessage Message, string Json)> Timers { get; } = [];

    /// <summary>Instances that received a message, to wake once the write is durable.</summary>
    public List<string> WokenInstances { get; } = [];

    public DateTime LockedUntil { get; set; }

    /// <summary>How many of the new activities may be locked to this process as they are written.</summary>
    public int HandOverBudget { get; init; }

    /// <summary>Activities locked to this process in the write, for its dispatcher to take from memory.</summary>
    public List<TaskActivityWorkItem> HandedOver { get; } = [];

    /// <summary>Messages queued for other instances, to hand to their sessions once the write is committed.</summary>
    public List<(string InstanceId, long Id, TaskMessage Message)> Delivered { get; } = [];

    public void Serialize()
    {
        ExecutionId = runtimeState.OrchestrationInstance?.ExecutionId ?? WorkItem.StoredExecutionId;
        NewExecution = !string.Equals(ExecutionId, WorkItem.StoredExecutionId, StringComparison.Ordinal) || WorkItem.StoredEvents == 0;
        // ContinueAsNew (or the first episode): the stored history becomes exactly this execution's.
        FirstSeq = NewExecution ? 0 : WorkItem.StoredEvents;
        Events.AddRange(SerializeAll(NewExecution ? runtimeState.Events : runtimeState.NewEvents));

        StoredEvents = FirstSeq + Events.Count;
        if (State is not null)
        {
            StateJson = StoredInstanceState.Serialize(State);
        }

        var outboundJson = SerializeAll(outbound);
        for (var i = 0; i < outbound.Count; i++)
        {
            Outbound.Add((outbound[i], outboundJson[i]));
        }

        foreach (var message in toOrchestrations)
        {
            ToOrchestrations.Add((message, TaskHubJson.Serialize(message)));
        }

        foreach (var message in timers)
        {
            Timers.Add((message, TaskHubJson.Serialize(message)));
        }
    }

    private static string[] SerializeAll<T>(IList<T> items)
        where T : notnull
    {
        var json = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            json[i] = TaskHubJson.Serialize(items[i]);
        }

        return json;
    }
}
