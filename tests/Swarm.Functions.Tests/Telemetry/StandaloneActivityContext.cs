using Swarm.Durable;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>The context of an activity run by hand, as the custom handler runs one per invocation.</summary>
internal sealed class StandaloneActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override string Name => name;

    public override string InstanceId => instanceId;

    public override CancellationToken CancellationToken => CancellationToken.None;
}
