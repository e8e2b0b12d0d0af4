namespace Swarm.Durable.Hosting;

/// <summary>The activity context the worker hands to activities.</summary>
internal sealed class WorkerActivityContext(string name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
{
    public override string Name => name;

    public override string InstanceId => instanceId;

    public override CancellationToken CancellationToken => cancellationToken;
}
