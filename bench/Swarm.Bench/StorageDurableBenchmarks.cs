using Swarm.Durable;
using Swarm.Durable.Hosting;
using Swarm.Storage.Durable;

namespace Swarm.Bench;

/// <summary>
/// Activity round-trips per second through the durable runtime on the Azure Storage backend, with the conformance
/// suite's two workload shapes: <c>Chain</c> (one activity after another: each round trip is a full
/// schedule → run → result → replay cycle) and <c>FanOut</c> (many activities in flight, results fanned in).
/// </summary>
internal static class StorageDurableBenchmarks
{
    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivityFunc<int, int>("Square", (_, x) => x * x)
        .AddActivityFunc<int, int>("Increment", (_, x) => x + 1)
        .AddOrchestratorFunc<int, int>("Chain", async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddOrchestratorFunc<int, long>("FanOut", async (context, count) =>
        {
            var squares = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>("Square", i)));
            return squares.Sum(x => (long)x);
        });

    public static IEnumerable<BenchmarkResult> Run(string connectionString, StorageScale scale)
    {
        var backend = new AzureStorageDurableBackend(connectionString, new AzureStorageDurableBackendOptions { TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..10] });
        var options = new DurableWorkerOptions { LockDuration = TimeSpan.FromSeconds(30), MaxPollInterval = TimeSpan.FromMilliseconds(50) };
        var host = DurableHost.StartAsync(backend, Registry(), options: options).GetAwaiter().GetResult();
        try
        {
            var chainLength = scale.Quick ? 5 : 20;
            var chain = StorageMeasure.MedianRate(scale.Repetitions, chainLength, async _ =>
            {
                var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", chainLength);
                await CompletedAsync(host, id);
            });
            yield return new BenchmarkResult($"durable/chain-{chainLength}", "median_throughput", chain, "activity round-trips/s");

            var fanOut = scale.Quick ? 20 : 200;
            var fan = StorageMeasure.MedianRate(scale.Repetitions, fanOut, async _ =>
            {
                var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", fanOut);
                await CompletedAsync(host, id);
            });
            yield return new BenchmarkResult($"durable/fan-out-{fanOut}", "median_throughput", fan, "activity round-trips/s");

            var instances = scale.Quick ? 4 : 16;
            var parallel = StorageMeasure.MedianRate(scale.Repetitions, instances * chainLength, async _ =>
            {
                var ids = new List<string>();
                for (var i = 0; i < instances; i++)
                {
                    ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", chainLength));
                }

                foreach (var id in ids)
                {
                    await CompletedAsync(host, id);
                }
            });
            yield return new BenchmarkResult($"durable/{instances}-chains-of-{chainLength}", "median_throughput", parallel, "activity round-trips/s");
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task CompletedAsync(DurableHost host, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: patience.Token);
        if (done.RuntimeStatus != Swarm.Durable.History.OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
    }
}
