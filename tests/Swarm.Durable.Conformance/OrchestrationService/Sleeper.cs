using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Waits on a durable timer of the given seconds, then returns the timer's state.</summary>
public sealed class Sleeper : TaskOrchestration<string, int>
{
    /// <inheritdoc />
    public override Task<string> RunTask(OrchestrationContext context, int input) =>
        context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), "woke");
}
