using System.Diagnostics;

namespace Swarm.Bench;

/// <summary>Wall-clock measurement of repeated runs.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times unmeasured (so the JIT has tiered
    /// up), then <paramref name="repetitions"/> times measured; returns each run's time in milliseconds.
    /// </summary>
    public static double[] Repeat(int warmup, int repetitions, Action<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < warmup; i++)
        {
            action(i);
        }

        var times = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action(warmup + i);
            // Raw ticks, not TimeSpan: TimeSpan rounds to 100 ns, which hides sub-microsecond runs.
            times[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        }

        return times;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
