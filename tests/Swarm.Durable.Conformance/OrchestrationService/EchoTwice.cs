using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Sends its input through <see cref="Echo"/> twice (reversed, then back), so a large input travels four times.</summary>
public sealed class EchoTwice : TaskOrchestration<string, string>
{
    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        var reversed = await context.ScheduleTask<string>(typeof(Echo), input);
        return await context.ScheduleTask<string>(typeof(Echo), reversed);
    }
}
