namespace Swarm.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestration instance that scheduled it.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Signalled when the worker shuts down; long activities may stop early and be retried elsewhere.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
