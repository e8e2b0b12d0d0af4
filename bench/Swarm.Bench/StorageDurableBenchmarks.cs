using Microsoft.DurableTask.Client;
using Swarm.Durable.TaskHub;

namespace Swarm.Bench;

/// <summary>
/// Activity round-trips per second through the Durable Task SDK on DurableTask.AzureStorage (the provider the Durable
/// extension uses) against Azurite, with two workload shapes: <c>Chain</c> (one activity after another: each round trip
/// is a full schedule → run → result → episode cycle) and <c>FanOut</c> (many activities in flight, results fanned in).
/// </summary>
internal static class StorageDurableBenchmarks
{
    public static IEnumerable<BenchmarkResult> Run(string connectionString, StorageScale scale)
    {
        var service = AzureStorageTaskHub.OpenAsync(connectionString, "bench" + Guid.NewGuid().ToString("N")[..10]).GetAwaiter().GetResult();
        var host = LocalTaskHub.StartAsync(service, tasks => tasks.AddBenchWorkflows()).GetAwaiter().GetResult();
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
            service.DeleteAsync().GetAwaiter().GetResult();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task CompletedAsync(LocalTaskHub host, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, patience.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
    }
}
