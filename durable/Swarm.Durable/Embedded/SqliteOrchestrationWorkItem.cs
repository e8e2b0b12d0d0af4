using DurableTask.Core;

namespace Swarm.Durable.Embedded;

/// <summary>An orchestration work item of the SQLite task hub: what it delivered and what of the instance is already stored.</summary>
internal sealed class SqliteOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    /// <summary>Row ids of the messages delivered in the current episode, deleted when it completes.</summary>
    public List<long> MessageIds { get; } = [];

    /// <summary>The execution whose history is stored; a completion with another one is a ContinueAsNew.</summary>
    public string StoredExecutionId { get; set; } = string.Empty;

    /// <summary>How many history events of <see cref="StoredExecutionId"/> are stored; new events are appended after them.</summary>
    public int StoredEvents { get; set; }
}
