using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Swarm.Durable.Embedded;
using Swarm.Testing;

namespace Swarm.Bench;

/// <summary>
/// DurableTask.Core's own <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/> on the embedded task hub
/// (<see cref="SqliteOrchestrationService"/>, persisted to a temp file): activity round trips per second (sequential
/// chains in parallel), fan-out/fan-in of 10,000 activities, and sequential chains of 250 to 1,000 (linearity). The same
/// three, smaller, on DurableTask.AzureStorage against an Azurite the suite starts itself, when Node.js is there.
/// </summary>
public sealed class TaskHubSuite : IBenchmarkSuite
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public string Name => "taskhub";

    /// <inheritdoc />
    public string Description => "DurableTask.Core worker on the SQLite task hub (and Azure Storage on Azurite): round trips/s, 10k fan-out, 1k chain";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quick = options.Quick;
        yield return new BenchmarkResult("environment", "processors", Environment.ProcessorCount, "cores");
        yield return new BenchmarkResult("environment", "load_average_1m_before", MachineLoad.OneMinute(), "runnable threads");

        var (chains, length) = quick ? (8, 50) : (32, 125);
        // Warm-up: long enough for tiered compilation to reach optimized code on the whole path.
        OnSqlite(client => ChainsAsync(client, chains, length));
        var rates = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < (quick ? 1 : 3); i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var time = OnSqlite(client => ChainsAsync(client, chains, length));
            rates.Add(chains * length / time.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (chains * length));
        }

        yield return new BenchmarkResult($"sqlite/round-trips/{chains}x{length}", "activity_round_trips_per_second", Measure.Median(rates), "1/s");
        yield return new BenchmarkResult($"sqlite/round-trips/{chains}x{length}", "best_activity_round_trips_per_second", rates.Max(), "1/s");
        yield return new BenchmarkResult($"sqlite/round-trips/{chains}x{length}", "cpu_time_per_round_trip", Measure.Median(cpu), "ms");

        var fanOut = quick ? 1_000 : 10_000;
        var fanCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var fan = OnSqlite(client => OneAsync(client, typeof(TaskHubFanOut), fanOut));
        var fanCpu = Process.GetCurrentProcess().TotalProcessorTime - fanCpuBefore;
        yield return new BenchmarkResult($"sqlite/fan-out-fan-in/{fanOut}", "time_to_completion", fan.TotalMilliseconds, "ms");
        // Process CPU for the whole fan-out (worker start and stop included): what other load on the machine does not distort.
        yield return new BenchmarkResult($"sqlite/fan-out-fan-in/{fanOut}", "cpu_time", fanCpu.TotalMilliseconds, "ms");
        yield return new BenchmarkResult($"sqlite/fan-out-fan-in/{fanOut}", "activities_per_second", fanOut / fan.TotalSeconds, "1/s");

        foreach (var chain in quick ? new[] { 100, 200 } : [250, 500, 1_000])
        {
            var time = OnSqlite(client => OneAsync(client, typeof(TaskHubChain), chain));
            yield return new BenchmarkResult($"sqlite/sequential-chain/{chain}", "time_to_completion", time.TotalMilliseconds, "ms");
            // Constant time per activity across lengths is what O(n) looks like; replaying each episode would grow it.
            yield return new BenchmarkResult($"sqlite/sequential-chain/{chain}", "time_per_activity", time.TotalMilliseconds / chain, "ms");
        }

        yield return new BenchmarkResult("environment", "load_average_1m_after_sqlite", MachineLoad.OneMinute(), "runnable threads");
        foreach (var result in OnAzurite(quick))
        {
            yield return result;
        }
    }

    private static IEnumerable<BenchmarkResult> OnAzurite(bool quick)
    {
        var azurite = new AzuriteFixture();
        string? unavailable = null;
        try
        {
            azurite.InitializeAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            unavailable = e.Message.Split('\n')[0];
        }

        if (unavailable is not null)
        {
            Console.Error.WriteLine($"taskhub: Azurite could not be started, Azure Storage figures skipped: {unavailable}");
            yield break;
        }

        try
        {
            var (chains, length) = quick ? (2, 5) : (4, 10);
            var time = OnAzure(azurite, client => ChainsAsync(client, chains, length));
            yield return new BenchmarkResult($"azurite/round-trips/{chains}x{length}", "activity_round_trips_per_second", chains * length / time.TotalSeconds, "1/s");
            var fanOut = quick ? 50 : 200;
            var fan = OnAzure(azurite, client => OneAsync(client, typeof(TaskHubFanOut), fanOut));
            yield return new BenchmarkResult($"azurite/fan-out-fan-in/{fanOut}", "time_to_completion", fan.TotalMilliseconds, "ms");
            var chain = quick ? 10 : 50;
            var sequential = OnAzure(azurite, client => OneAsync(client, typeof(TaskHubChain), chain));
            yield return new BenchmarkResult($"azurite/sequential-chain/{chain}", "time_to_completion", sequential.TotalMilliseconds, "ms");
        }
        finally
        {
            azurite.DisposeAsync().GetAwaiter().GetResult();
        }
    }

    private static TimeSpan OnSqlite(Func<TaskHubClient, Task> workload)
    {
        var folder = Path.Combine(Path.GetTempPath(), "swarm-taskhub-bench", Guid.NewGuid().ToString("N"));
        try
        {
            return Measured(new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(folder, "taskhub.db"))), workload);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is the OS's to clean if a handle lingers.
            }
        }
    }

    private static TimeSpan OnAzure(AzuriteFixture azurite, Func<TaskHubClient, Task> workload)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = $"bench{Guid.NewGuid():N}"[..24],
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            LeaseAcquireInterval = TimeSpan.FromSeconds(1),
            ExtendedSessionsEnabled = true,
        };
        return Measured(new AzureStorageOrchestrationService(settings), workload);
    }

    private static TimeSpan Measured(IOrchestrationService service, Func<TaskHubClient, Task> workload) => Task.Run(async () =>
    {
        try
        {
            await service.CreateIfNotExistsAsync();
            var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
            worker.AddTaskOrchestrations(typeof(TaskHubChain), typeof(TaskHubFanOut));
            worker.AddTaskActivities(typeof(TaskHubIncrement));
            await worker.StartAsync();
            try
            {
                var client = new TaskHubClient((IOrchestrationServiceClient)service);
                var start = Stopwatch.GetTimestamp();
                await workload(client);
                return Stopwatch.GetElapsedTime(start);
            }
            finally
            {
                await worker.StopAsync(true);
            }
        }
        finally
        {
            if (service is AzureStorageOrchestrationService azure)
            {
                await azure.DeleteAsync();
            }

            (service as IDisposable)?.Dispose();
        }
    }).GetAwaiter().GetResult();

    private static async Task ChainsAsync(TaskHubClient client, int chains, int length)
    {
        var instances = new List<OrchestrationInstance>();
        for (var i = 0; i < chains; i++)
        {
            instances.Add(await client.CreateOrchestrationInstanceAsync(typeof(TaskHubChain), length));
        }

        foreach (var instance in instances)
        {
            await CompletedAsync(client, instance);
        }
    }

    private static async Task OneAsync(TaskHubClient client, Type orchestration, int input) =>
        await CompletedAsync(client, await client.CreateOrchestrationInstanceAsync(orchestration, input));

    private static async Task CompletedAsync(TaskHubClient client, OrchestrationInstance instance)
    {
        var state = await client.WaitForOrchestrationAsync(instance, Patience);
        if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {instance.InstanceId} ended {state?.OrchestrationStatus.ToString() ?? "unfinished"}: {state?.Output}");
        }
    }
}
