using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Calls <see cref="Flaky"/> under a retry policy of five attempts.</summary>
public sealed class Retrying : TaskOrchestration<string, string>
{
    /// <inheritdoc />
    public override Task<string> RunTask(OrchestrationContext context, string input) =>
        context.ScheduleWithRetry<string>(typeof(Flaky), new RetryOptions(TimeSpan.FromMilliseconds(100), 5), input);
}
