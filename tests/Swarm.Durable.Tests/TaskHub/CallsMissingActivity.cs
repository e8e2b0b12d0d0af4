using DurableTask.Core;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>Schedules an activity no worker has, and returns the error type of the failure it gets back.</summary>
public sealed class CallsMissingActivity : TaskOrchestration<string, string>
{
    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        try
        {
            return await context.ScheduleTask<string>("NoSuchActivity", string.Empty, input);
        }
        catch (DurableTask.Core.Exceptions.TaskFailedException e)
        {
            return e.FailureDetails?.ErrorType ?? "no failure details";
        }
    }
}
