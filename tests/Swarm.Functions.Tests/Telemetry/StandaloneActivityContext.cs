using Microsoft.DurableTask;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>The context of an activity run by hand, as the custom handler runs one per invocation.</summary>
internal sealed class StandaloneActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;
}
