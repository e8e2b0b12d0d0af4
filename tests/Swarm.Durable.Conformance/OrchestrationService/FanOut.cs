using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Runs <see cref="Increment"/> on 0..n-1 at once and sums the results: n(n+1)/2.</summary>
public sealed class FanOut : TaskOrchestration<long, int>
{
    /// <inheritdoc />
    public override async Task<long> RunTask(OrchestrationContext context, int input)
    {
        var tasks = new Task<int>[input];
        for (var i = 0; i < input; i++)
        {
            tasks[i] = context.ScheduleTask<int>(typeof(Increment), i);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum(r => (long)r);
    }
}
