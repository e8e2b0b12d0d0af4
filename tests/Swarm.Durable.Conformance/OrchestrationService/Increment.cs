using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Adds one: the smallest activity there is, so a chain measures the task hub and not the work.</summary>
public sealed class Increment : DurableTask.Core.TaskActivity<int, int>
{
    /// <inheritdoc />
    protected override int Execute(TaskContext context, int input) => input + 1;
}
