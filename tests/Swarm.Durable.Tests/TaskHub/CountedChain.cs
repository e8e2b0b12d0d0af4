using System.Collections.Concurrent;
using DurableTask.Core;
using Swarm.Durable.Conformance.OrchestrationService;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>A <see cref="Chain"/> that counts how often its code starts from the top, i.e. how often its history is replayed.</summary>
public sealed class CountedChain : TaskOrchestration<int, int>
{
    private static readonly ConcurrentDictionary<string, int> Starts = new(StringComparer.Ordinal);

    /// <summary>How often the orchestration of <paramref name="instanceId"/> started running from its first line.</summary>
    public static int StartsOf(string instanceId) => Starts.GetValueOrDefault(instanceId);

    /// <inheritdoc />
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        Starts.AddOrUpdate(context.OrchestrationInstance.InstanceId, 1, (_, n) => n + 1);
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.ScheduleTask<int>(typeof(Increment), value);
        }

        return value;
    }
}
