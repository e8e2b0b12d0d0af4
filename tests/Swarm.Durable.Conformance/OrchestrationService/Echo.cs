using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Returns its input, reversed, so a large payload makes the round trip both ways and comes back changed.</summary>
public sealed class Echo : DurableTask.Core.TaskActivity<string, string>
{
    /// <inheritdoc />
    protected override string Execute(TaskContext context, string input) => new(input.Reverse().ToArray());
}
