using DurableTask.Core;

namespace Swarm.Bench;

/// <summary>Schedules n <see cref="TaskHubIncrement"/> activities at once and sums their results.</summary>
public sealed class TaskHubFanOut : TaskOrchestration<long, int>
{
    /// <inheritdoc />
    public override async Task<long> RunTask(OrchestrationContext context, int input)
    {
        var tasks = new Task<int>[input];
        for (var i = 0; i < input; i++)
        {
            tasks[i] = context.ScheduleTask<int>(typeof(TaskHubIncrement), i);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum(r => (long)r);
    }
}
