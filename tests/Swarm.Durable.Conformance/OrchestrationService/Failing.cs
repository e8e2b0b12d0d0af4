using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Fails with its input as the message.</summary>
public sealed class Failing : TaskOrchestration<string, string>
{
    /// <inheritdoc />
    public override Task<string> RunTask(OrchestrationContext context, string input) => throw new InvalidOperationException(input);
}
