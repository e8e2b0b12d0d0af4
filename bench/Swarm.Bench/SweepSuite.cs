using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Bench;

/// <summary>
/// A Schelling (small) sweep of 1,000 runs end to end through ProvisionSweep on the embedded
/// backend, against the same 1,000 simulations in a plain loop (sequential, and parallel on every
/// core — the fair baseline, since the durable worker runs activities concurrently).
/// </summary>
public sealed class SweepSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "sweep";

    /// <inheritdoc />
    public string Description => "1,000-run Schelling sweep on the embedded backend vs a plain loop: runs/s, overhead, peak memory";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = Schelling(runs: options.Quick ? 100 : 1_000);
        var runs = SweepSpecs.Runs(ModelCatalog.Default, "bench", parsed, 0, (int)parsed.RunCount);
        var name = $"schelling-small/{runs.Count}-runs";

        // Warm both paths at full size first: the durable path runs far more code (runtime, SQLite, JSON), and measuring
        // it while the JIT is still moving that code up its tiers would charge start-up to every sweep.
        PlainLoop(runs, parallel: false);
        var (cold, _) = DurableSweep(parsed);

        // Interleaved repetitions, medians reported: on a shared machine one phase can be slowed by a neighbour, and
        // interleaving spreads that over all three paths instead of charging it to one. CPU time is reported as well:
        // it is what the durable layer itself costs, whatever else the machine is doing.
        var repetitions = options.Quick ? 1 : 5;
        var sequential = new List<Phase>();
        var parallel = new List<Phase>();
        var durable = new List<Phase>();
        var peaks = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            sequential.Add(PlainLoop(runs, parallel: false));
            parallel.Add(PlainLoop(runs, parallel: true));
            var (phase, peakBytes) = DurableSweep(parsed);
            durable.Add(phase);
            peaks.Add(peakBytes / (1024.0 * 1024.0));
        }

        var sequentialMs = Measure.Median([.. sequential.Select(p => p.WallMs)]);
        var parallelMs = Measure.Median([.. parallel.Select(p => p.WallMs)]);
        var durableMs = Measure.Median([.. durable.Select(p => p.WallMs)]);
        var sequentialCpuMs = Measure.Median([.. sequential.Select(p => p.CpuMs)]);
        var durableCpuMs = Measure.Median([.. durable.Select(p => p.CpuMs)]);
        yield return new BenchmarkResult(name + "/plain-sequential", "wall_time", sequentialMs, "ms");
        yield return new BenchmarkResult(name + "/plain-sequential", "cpu_time", sequentialCpuMs, "ms");
        yield return new BenchmarkResult(name + "/plain-parallel", "wall_time", parallelMs, "ms");
        yield return new BenchmarkResult(name + "/durable", "wall_time", durableMs, "ms");
        yield return new BenchmarkResult(name + "/durable-first-in-process", "wall_time", cold.WallMs, "ms");
        yield return new BenchmarkResult(name + "/durable", "cpu_time", durableCpuMs, "ms");
        yield return new BenchmarkResult(name + "/durable", "runs_per_second", runs.Count / (durableMs / 1000), "runs/s");
        yield return new BenchmarkResult(name + "/durable-vs-sequential", "overhead", ((durableMs / sequentialMs) - 1) * 100, "%");
        yield return new BenchmarkResult(name + "/durable-vs-sequential", "cpu_overhead", ((durableCpuMs / sequentialCpuMs) - 1) * 100, "%");
        yield return new BenchmarkResult(name + "/durable-vs-parallel", "overhead", ((durableMs / parallelMs) - 1) * 100, "%");
        yield return new BenchmarkResult(name + "/durable", "peak_working_set", peaks.Max(), "MiB");
    }

    /// <summary>The benchmark sweep: Schelling-small, 20 steps, five levels of minToBeHappy, <paramref name="runs"/> / 5 replicates.</summary>
    internal static SweepSpec Schelling(int runs)
    {
        var spec = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"model":"schelling","preset":"small","design":{"type":"grid","factors":{"minToBeHappy":[1,2,3,4,5]}},
             "replicates":{{{runs / 5}}},"seed":1,"steps":20,"metrics":["happyFraction"]}
            """);
        return new SweepSpecReader(ModelCatalog.Default).Read(spec, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private static Phase PlainLoop(IReadOnlyList<SweepRunRequest> runs, bool parallel)
    {
        void RunOne(SweepRunRequest run)
        {
            var model = ModelCatalog.Default.Create(run.Model, run.Parameters, run.Seed, (ulong)run.Replicate);
            model.RunUntil(run.Steps);
            _ = model.Report(run.Metrics[0]);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        if (parallel)
        {
            Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, RunOne);
        }
        else
        {
            foreach (var run in runs)
            {
                RunOne(run);
            }
        }

        return Phase.Since(started, cpuBefore);
    }

    private static (Phase Phase, long PeakWorkingSet) DurableSweep(SweepSpec spec)
    {
        var folder = Directory.CreateTempSubdirectory("swarm-bench-sweep-");
        try
        {
            return DurableSweepAsync(folder.FullName, spec).GetAwaiter().GetResult();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(Phase Phase, long PeakWorkingSet)> DurableSweepAsync(string folder, SweepSpec spec)
    {
        var store = EmbeddedStateStore.Open(Path.Combine(folder, "state"));
        await StateLayout.EnsureAsync(store);
        await using var host = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(folder, "durable.db"))),
            tasks => tasks.AddSwarmWorkflows(),
            services => services.AddSwarmServices(store));
        using var sampler = new PeakMemorySampler();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest("bench", spec), new StartOrchestrationOptions("bench"));
        var done = await host.Client.WaitForInstanceCompletionAsync("bench", getInputsAndOutputs: true);
        var phase = Phase.Since(started, cpuBefore);
        if (done.ReadOutputAs<ProvisionOutcome>()?.Sweep is null)
        {
            throw new InvalidOperationException($"The benchmark sweep did not complete: {done.RuntimeStatus} {done.SerializedOutput}");
        }

        return (phase, sampler.Peak);
    }

    /// <summary>One timed phase: wall-clock and process CPU time, in milliseconds.</summary>
    private readonly record struct Phase(double WallMs, double CpuMs)
    {
        public static Phase Since(long startedTimestamp, TimeSpan cpuBefore) => new(
            Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    /// <summary>Samples the process working set every 10 ms; the OS's own peak would include earlier phases of the suite.</summary>
    private sealed class PeakMemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemorySampler()
        {
            _timer = new Timer(_ => Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet)), null, 0, 10);
        }

        public long Peak => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);

        public void Dispose() => _timer.Dispose();
    }
}
