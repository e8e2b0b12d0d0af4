using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Continues as new with n-1 until n is 0, running one <see cref="Increment"/> per generation.</summary>
public sealed class Countdown : TaskOrchestration<string, int>
{
    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        if (input == 0)
        {
            return "liftoff";
        }

        var next = await context.ScheduleTask<int>(typeof(Increment), -input);
        context.ContinueAsNew(-next);
        return string.Empty;
    }
}
