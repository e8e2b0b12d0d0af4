using System.Diagnostics;
using Swarm.Durable.Hosting;

namespace Swarm.Bench;

/// <summary>
/// The durable runtime on the embedded SQLite backend (WAL, persisted to a temp file): activity round-trips per second,
/// fan-out/fan-in of 10,000 activities, sequential chains of growing length (linearity), and orchestrations started
/// and completed per second.
/// </summary>
public sealed class DurableSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "durable";

    /// <inheritdoc />
    public string Description => "durable runtime on SQLite: activity round-trips/s, 10k fan-out, 1k chain linearity, starts/s";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quick = options.Quick;

        // Warm-up: JIT the whole path once so the first measured run is not a compile benchmark.
        Measured(static host => RunChainsAsync(host, 4, 50));

        var (chains, length) = quick ? (8, 50) : (32, 125);
        var roundTrip = Measured(host => RunChainsAsync(host, chains, length));
        yield return new BenchmarkResult($"round-trips/{chains}x{length}", "activity_round_trips_per_second", chains * length / roundTrip.TotalSeconds, "1/s");
        yield return new BenchmarkResult($"round-trips/{chains}x{length}", "wall_time", roundTrip.TotalMilliseconds, "ms");

        var fanOut = quick ? 1_000 : 10_000;
        var fan = Measured(host => RunOneAsync(host, "FanOut", fanOut));
        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "time_to_completion", fan.TotalMilliseconds, "ms");
        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "activities_per_second", fanOut / fan.TotalSeconds, "1/s");

        foreach (var chain in quick ? new[] { 100, 200 } : [250, 500, 1_000])
        {
            var time = Measured(host => RunOneAsync(host, "Chain", chain));
            yield return new BenchmarkResult($"sequential-chain/{chain}", "time_to_completion", time.TotalMilliseconds, "ms");
            // Constant per-activity time across lengths is what O(n) looks like; replaying each episode would grow it linearly.
            yield return new BenchmarkResult($"sequential-chain/{chain}", "time_per_activity", time.TotalMilliseconds / chain, "ms");
        }

        var starts = quick ? 500 : 5_000;
        var (scheduled, completed) = MeasuredStarts(starts);
        yield return new BenchmarkResult($"starts/{starts}", "orchestrations_scheduled_per_second", starts / scheduled.TotalSeconds, "1/s");
        yield return new BenchmarkResult($"starts/{starts}", "orchestrations_completed_per_second", starts / completed.TotalSeconds, "1/s");
    }

    private static TimeSpan Measured(Func<DurableHost, Task> workload) => Run(async host =>
    {
        var start = Stopwatch.GetTimestamp();
        await workload(host);
        return Stopwatch.GetElapsedTime(start);
    });

    private static (TimeSpan Scheduled, TimeSpan Completed) MeasuredStarts(int count) => Run(async host =>
    {
        var start = Stopwatch.GetTimestamp();
        var ids = new string[count];
        // Four concurrent producers, as HTTP and queue intake would schedule.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = p; i < count; i += 4)
            {
                ids[i] = await host.Client.ScheduleNewOrchestrationInstanceAsync("Empty", i);
            }
        })));
        var scheduled = Stopwatch.GetElapsedTime(start);
        foreach (var id in ids)
        {
            await Completed(host, id);
        }

        return (scheduled, Stopwatch.GetElapsedTime(start));
    });

    private static T Run<T>(Func<DurableHost, Task<T>> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "swarm-durable-bench", Guid.NewGuid().ToString("N"));
        try
        {
            return RunAsync(Path.Combine(folder, "taskhub.db"), body).GetAwaiter().GetResult();
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

    private static async Task<T> RunAsync<T>(string path, Func<DurableHost, Task<T>> body)
    {
        await using var host = await DurableHost.StartEmbeddedAsync(path, DurableBenchWorkflows.Create());
        return await body(host);
    }

    private static async Task RunChainsAsync(DurableHost host, int chains, int length)
    {
        var ids = new List<string>();
        for (var i = 0; i < chains; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", length));
        }

        foreach (var id in ids)
        {
            await Completed(host, id);
        }
    }

    private static async Task RunOneAsync(DurableHost host, string name, int input) =>
        await Completed(host, await host.Client.ScheduleNewOrchestrationInstanceAsync(name, input));

    private static async Task Completed(DurableHost host, string id)
    {
        var done = await host.Client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != Swarm.Durable.History.OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}: {done.FailureDetails?.Summary}");
        }
    }
}
