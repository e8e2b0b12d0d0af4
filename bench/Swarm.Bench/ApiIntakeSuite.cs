using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Swarm.Cli;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Bench;

/// <summary>
/// End-to-end latency of the Service Bus-style intake: a job message enqueued on the local queue → received by the
/// pump → validated → its orchestration scheduled under the message id and the message completed
/// (<c>enqueue_to_handled</c>); and enqueued → the orchestration picked up by the durable worker
/// (<c>enqueue_to_running</c>, which may come before the message is completed). p50 and p99, on the embedded queue and on an Azurite storage
/// queue (the latter needs Node.js + npm). Messages are sent one at a time, so each latency includes the pump's
/// wait for an idle queue.
/// </summary>
public sealed class ApiIntakeSuite : IBenchmarkSuite
{
    private const string Job = """{ "kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 1 }""";

    /// <inheritdoc />
    public string Name => "intake";

    /// <inheritdoc />
    public string Description => "job intake: enqueue → message handled / orchestration running, p50/p99, embedded queue and Azurite queue";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (warmup, count) = options.Quick ? (5, 30) : (20, 300);
        yield return new BenchmarkResult("environment", "processors", Environment.ProcessorCount, "cores");

        foreach (var result in Measure("embedded", folder => EmbeddedJobQueue.InDataFolder(folder), warmup, count))
        {
            yield return result;
        }

        var azurite = new AzuriteFixture();
        azurite.InitializeAsync().GetAwaiter().GetResult();
        try
        {
            var (azureWarmup, azureCount) = options.Quick ? (3, 15) : (10, 100);
            var queueName = "intake-" + Guid.NewGuid().ToString("N")[..10];
            foreach (var result in Measure("azurite-queue", _ => StorageJobQueue.Connect(AzureConnection.FromConnectionString(azurite.ConnectionString), queueName), azureWarmup, azureCount))
            {
                yield return result;
            }
        }
        finally
        {
            azurite.DisposeAsync().GetAwaiter().GetResult();
        }
    }

    private static List<BenchmarkResult> Measure(string name, Func<string, IJobQueue> openQueue, int warmup, int count) =>
        MeasureAsync(name, openQueue, warmup, count).GetAwaiter().GetResult();

    private static async Task<List<BenchmarkResult>> MeasureAsync(string name, Func<string, IJobQueue> openQueue, int warmup, int count)
    {
        var folder = Directory.CreateTempSubdirectory("swarm-bench-intake-");
        try
        {
            await using var swarm = await LocalSwarm.StartAsync(folder.FullName, ModelCatalog.Default).ConfigureAwait(false);
            using var telemetry = new SwarmTelemetry();
            var options = new IntakeOptions();
            var queue = openQueue(folder.FullName);
            await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            var function = new SimulationJobsFunction(new JobReader(ModelCatalog.Default), new JobScheduler(swarm.Client), new JobRejections(swarm.Store), telemetry, options);
            using var pump = new QueuePump(queue, function, options);
            var scheduled = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            pump.Handled += (message, outcome) =>
            {
                if (outcome?.Kind == IntakeOutcomeKind.Started)
                {
                    scheduled[outcome.InstanceId!] = Stopwatch.GetTimestamp();
                }
            };
            await pump.StartAsync(CancellationToken.None).ConfigureAwait(false);

            var toHandled = new List<double>();
            var toRunning = new List<double>();
            for (var i = 0; i < warmup + count; i++)
            {
                var id = $"{name}-{i}";
                var sent = Stopwatch.GetTimestamp();
                await queue.SendAsync(new IntakeMessage(id, BinaryData.FromString(Job), 0, "application/json")).ConfigureAwait(false);
                var running = await WaitUntilRunningAsync(swarm, id).ConfigureAwait(false);

                // The worker may pick the instance up before the pump has completed the message.
                long handled;
                while (!scheduled.TryGetValue(id, out handled))
                {
                    await Task.Yield();
                }

                if (i >= warmup)
                {
                    toHandled.Add(Milliseconds(sent, handled));
                    toRunning.Add(Milliseconds(sent, running));
                }
            }

            await pump.StopAsync(CancellationToken.None).ConfigureAwait(false);
            (queue as IDisposable)?.Dispose();
            return
            [
                new($"{name}/enqueue_to_handled", "p50", Percentile(toHandled, 0.50), "ms"),
                new($"{name}/enqueue_to_handled", "p99", Percentile(toHandled, 0.99), "ms"),
                new($"{name}/enqueue_to_running", "p50", Percentile(toRunning, 0.50), "ms"),
                new($"{name}/enqueue_to_running", "p99", Percentile(toRunning, 0.99), "ms"),
                new($"{name}/enqueue_to_running", "messages", count, "count"),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<long> WaitUntilRunningAsync(LocalSwarm swarm, string instanceId)
    {
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (true)
        {
            // Polled without sleeping so the measured time is not rounded up to a sleep interval.
            if (await swarm.Client.GetInstanceAsync(instanceId).ConfigureAwait(false) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending })
            {
                return Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{instanceId} did not start within a minute.");
            }

            await Task.Yield();
        }
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
