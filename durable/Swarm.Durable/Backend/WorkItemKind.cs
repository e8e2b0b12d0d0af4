namespace Swarm.Durable.Backend;

/// <summary>The two work queues.</summary>
public enum WorkItemKind
{
    /// <summary>Orchestration episodes.</summary>
    Orchestration,

    /// <summary>Activity invocations.</summary>
    Activity,
}
