using System.Diagnostics;

namespace Swarm.Bench;

/// <summary>
/// Measures the measuring: timer resolution and the cost of an empty timed call, so every other
/// suite's smallest numbers can be read against the noise floor of this machine.
/// </summary>
public sealed class HarnessSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "harness";

    /// <inheritdoc />
    public string Description => "timer resolution and the overhead of one measured repetition";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return new BenchmarkResult("stopwatch", "tick", 1e9 / Stopwatch.Frequency, "ns");

        var repetitions = options.Quick ? 1_000 : 100_000;
        var empty = Measure.Repeat(1_000, repetitions, static _ => { });
        yield return new BenchmarkResult("empty-repetition", "median_wall_time", Measure.Median(empty) * 1e6, "ns");
    }
}
