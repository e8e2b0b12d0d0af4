using System.Diagnostics;
using System.Globalization;

namespace Swarm.Bench;

/// <summary>Runs a timed asynchronous repetition and turns it into a rate.</summary>
internal static class StorageMeasure
{
    /// <summary>Median rate (items per second) over the repetitions, after one warm-up.</summary>
    public static double MedianRate(int repetitions, double itemsPerRepetition, Func<int, Task> repetition)
    {
        repetition(-1).GetAwaiter().GetResult();
        var rates = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            repetition(i).GetAwaiter().GetResult();
            var seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            rates.Add(itemsPerRepetition / seconds);
        }

        return Measure.Median(rates);
    }

    /// <summary>Runs <paramref name="work"/> for indexes 0..count-1 on <paramref name="concurrency"/> parallel lanes.</summary>
    public static Task ParallelAsync(int count, int concurrency, Func<int, Task> work) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => await work(i));

    public static string Key(int i) => i.ToString("D6", CultureInfo.InvariantCulture);
}
