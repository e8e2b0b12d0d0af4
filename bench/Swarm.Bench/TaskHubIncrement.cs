using DurableTask.Core;

namespace Swarm.Bench;

/// <summary>Adds one: the smallest activity, so the task hub benchmarks measure the task hub and not the work.</summary>
public sealed class TaskHubIncrement : DurableTask.Core.TaskActivity<int, int>
{
    /// <inheritdoc />
    protected override int Execute(TaskContext context, int input) => input + 1;
}
