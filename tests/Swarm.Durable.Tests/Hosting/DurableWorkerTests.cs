using Swarm.Durable.History;
using Swarm.Durable.Hosting;

namespace Swarm.Durable.Tests.Hosting;

public sealed class DurableWorkerTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-durable-tests", Guid.NewGuid().ToString("N"));

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task MaxConcurrentActivities_ManyScheduled_NeverRunsMoreAtOnce()
    {
        var running = 0;
        var peak = 0;
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Probe", async (_, x) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                // Hold the slot a little so activities overlap if the limit let them.
                await Task.Delay(5);
                Interlocked.Decrement(ref running);
                return x;
            })
            .AddOrchestratorFunc<int, int>("Fan", async (context, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Probe", i)))).Sum());
        var options = new DurableWorkerOptions { MaxConcurrentActivities = 2, MaxConcurrentOrchestrations = 1 };

        await using var host = await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), registry, options: options);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan", 40);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 40).Sum(), done.ReadOutputAs<int>());
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task StartAsync_Twice_ThrowsClearly()
    {
        await using var host = await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), new DurableTaskRegistry());

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Worker.StartAsync());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
