using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Runs a <see cref="Chain"/> as a sub-orchestration and doubles its result.</summary>
public sealed class ChainParent : TaskOrchestration<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var child = await context.CreateSubOrchestrationInstance<int>(typeof(Chain), context.OrchestrationInstance.InstanceId + ":child", input);
        return child * 2;
    }
}
