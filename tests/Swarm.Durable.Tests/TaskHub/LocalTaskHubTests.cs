using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Swarm.Durable.TaskHub;

namespace Swarm.Durable.Tests.TaskHub;

public sealed class LocalTaskHubTests
{
    [Fact]
    public async Task Runs_an_sdk_orchestration_and_answers_through_the_sdk_client()
    {
        await using var hub = await LocalTaskHub.StartAsync(
            new InMemoryOrchestrationService(),
            tasks => tasks.AddOrchestratorFunc<int, int>("Sum", async (context, n) =>
            {
                var total = 0;
                for (var i = 1; i <= n; i++)
                {
                    total += await context.CallActivityAsync<int>("Square", i);
                }

                return total;
            }).AddActivityFunc<int, int>("Square", (_, x) => x * x));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sum", 4);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(30, done.ReadOutputAs<int>());
    }
}
