using DurableTask.Core;

namespace Swarm.Bench;

/// <summary>Calls <see cref="TaskHubIncrement"/> n times in sequence: one activity round trip per step.</summary>
public sealed class TaskHubChain : TaskOrchestration<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(TaskHubIncrement), value);
        }

        return value;
    }
}
