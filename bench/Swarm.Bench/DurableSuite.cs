using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;

namespace Swarm.Bench;

/// <summary>
/// The Durable Task SDK on the embedded SQLite task hub (WAL, persisted to a temp file), as <c>swarm</c> runs it: the
/// SDK's orchestrators on DurableTask.Core's dispatcher, started and awaited through the SDK's gRPC client. Activity
/// round-trips per second, fan-out/fan-in of 10,000 activities, sequential chains of growing length (linearity), and
/// orchestrations started and completed per second.
/// </summary>
public sealed class DurableSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "durable";

    /// <inheritdoc />
    public string Description => "Durable Task SDK on the SQLite task hub: activity round-trips/s, 10k fan-out, 1k chain linearity, starts/s";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quick = options.Quick;
        // The machine is shared: record how busy it was so the wall-clock rates below can be read in context.
        yield return new BenchmarkResult("environment", "load_average_1m", LoadAverage(), "runnable threads");
        yield return new BenchmarkResult("environment", "processors", Environment.ProcessorCount, "cores");

        var (chains, length) = quick ? (8, 50) : (32, 125);
        var repetitions = quick ? 1 : 3;
        // Warm-up: the whole path runs long enough for tiered compilation to reach optimized code before measuring.
        Measured(host => RunChainsAsync(host, chains, length));
        var rates = new List<double>();
        var cpuPerRoundTrip = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var roundTrip = Measured(host => RunChainsAsync(host, chains, length));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            rates.Add(chains * length / roundTrip.TotalSeconds);
            cpuPerRoundTrip.Add(cpu.TotalMilliseconds / (chains * length));
        }

        yield return new BenchmarkResult($"round-trips/{chains}x{length}", "activity_round_trips_per_second", Measure.Median(rates), "1/s");
        yield return new BenchmarkResult($"round-trips/{chains}x{length}", "best_activity_round_trips_per_second", rates.Max(), "1/s");
        // Process CPU per round trip (all threads, SQLite included): the capacity figure that other load on the machine does not distort.
        yield return new BenchmarkResult($"round-trips/{chains}x{length}", "cpu_time_per_round_trip", Measure.Median(cpuPerRoundTrip), "ms");

        // One orchestration with 10,000 tasks runs paths the chains never reach (a 20,000-event history, one large
        // episode per batch of completions): its first run is reported apart, and the median of the next ones as the figure.
        var fanOut = quick ? 1_000 : 10_000;
        var firstFan = Measured(host => RunOneAsync(host, "FanOut", fanOut));
        var fans = new List<double>();
        var cpuPerFannedActivity = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            fans.Add(Measured(host => RunOneAsync(host, "FanOut", fanOut)).TotalMilliseconds);
            cpuPerFannedActivity.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / fanOut);
        }

        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "first_time_to_completion", firstFan.TotalMilliseconds, "ms");
        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "time_to_completion", Measure.Median(fans), "ms");
        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "activities_per_second", fanOut / (Measure.Median(fans) / 1000), "1/s");
        // The 2 cores' worth of this CPU is the time the fan-out would take with the machine to itself.
        yield return new BenchmarkResult($"fan-out-fan-in/{fanOut}", "cpu_time_per_activity", Measure.Median(cpuPerFannedActivity), "ms");

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

    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    private static TimeSpan Measured(Func<LocalTaskHub, Task> workload) => Run(async host =>
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

    private static T Run<T>(Func<LocalTaskHub, Task<T>> body)
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

    private static async Task<T> RunAsync<T>(string path, Func<LocalTaskHub, Task<T>> body)
    {
        await using var host = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(path)),
            tasks => tasks.AddBenchWorkflows());
        return await body(host);
    }

    private static async Task RunChainsAsync(LocalTaskHub host, int chains, int length)
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

    private static async Task RunOneAsync(LocalTaskHub host, string name, int input) =>
        await Completed(host, await host.Client.ScheduleNewOrchestrationInstanceAsync(name, input));

    private static async Task Completed(LocalTaskHub host, string id)
    {
        var done = await host.Client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}: {done.FailureDetails}");
        }
    }
}
