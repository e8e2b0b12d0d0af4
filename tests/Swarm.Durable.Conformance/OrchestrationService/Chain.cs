using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Calls <see cref="Increment"/> <c>n</c> times in sequence, each on the last one's result.</summary>
public sealed class Chain : TaskOrchestration<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(Increment), value);
        }

        return value;
    }
}
