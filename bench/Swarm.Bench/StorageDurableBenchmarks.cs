using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Durable.TaskHub;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Bench;

/// <summary>
/// Activity round-trips per second through the Durable Task SDK on DurableTask.AzureStorage (the provider the Durable
/// extension uses) against Azurite, with two workload shapes: <c>Chain</c> (one activity after another: each round trip
/// is a full schedule → run → result → episode cycle) and <c>FanOut</c> (many activities in flight, results fanned in);
/// and the sweep suite's Schelling sweep with its task hub and its state store both on Azurite.
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

        foreach (var result in Sweep(connectionString, scale))
        {
            yield return result;
        }
    }

    private static IEnumerable<BenchmarkResult> Sweep(string connectionString, StorageScale scale)
    {
        var runs = scale.Quick ? 100 : 1_000;
        var spec = SweepSuite.Schelling(runs);
        var store = AzureStateStore.Open(connectionString);
        StateLayout.EnsureAsync(store).GetAwaiter().GetResult();
        var service = AzureStorageTaskHub.OpenAsync(connectionString, "sweep" + Guid.NewGuid().ToString("N")[..10]).GetAwaiter().GetResult();
        var host = LocalTaskHub.StartAsync(service, tasks => tasks.AddSwarmWorkflows(), services => services.AddSwarmServices(store)).GetAwaiter().GetResult();
        try
        {
            // A warm-up sweep, then the median of a few: each sweep has its own id, so its rows and container are its own.
            var times = new List<double>();
            for (var i = -1; i < Math.Min(3, scale.Repetitions); i++)
            {
                var started = Stopwatch.GetTimestamp();
                var id = host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest($"bench-{i + 1}", spec), new StartOrchestrationOptions($"bench-{i + 1}")).GetAwaiter().GetResult();
                var outcome = CompletedAsync(host, id).GetAwaiter().GetResult().ReadOutputAs<ProvisionOutcome>();
                if (outcome?.Sweep is null)
                {
                    throw new InvalidOperationException($"Benchmark sweep {id} did not run to its results: {outcome?.Saga}");
                }

                if (i >= 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var median = Measure.Median(times);
            yield return new BenchmarkResult($"durable/sweep-schelling-small-{runs}", "wall_time", median, "ms");
            yield return new BenchmarkResult($"durable/sweep-schelling-small-{runs}", "runs_per_second", runs / (median / 1000), "runs/s");
        }
        finally
        {
            service.DeleteAsync().GetAwaiter().GetResult();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<OrchestrationMetadata> CompletedAsync(LocalTaskHub host, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }

        return done;
    }
}
