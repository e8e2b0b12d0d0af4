using Swarm.Durable;

namespace Swarm.Functions.CustomHandler;

/// <summary>The activity context of one activity-trigger invocation.</summary>
internal sealed class InvocationActivityContext(string name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
{
    public override string Name => name;

    public override string InstanceId => instanceId;

    public override CancellationToken CancellationToken => cancellationToken;
}
