using System.Diagnostics;
using System.Globalization;
using Swarm.Testing;

namespace Swarm.Bench;

/// <summary>
/// Throughput of the storage clients against a real Azurite that the suite starts itself (through the
/// tests' <see cref="AzuriteFixture"/>, so Node.js and npm are required): table inserts (single and
/// 100-entity batches), point reads, blob upload/download, queue send and receive+delete, and activity
/// round-trips through the durable runtime on the Azure Storage backend.
/// </summary>
/// <remarks>
/// Azurite is an emulator in one Node.js process with in-memory persistence: the numbers measure this
/// client stack plus Azurite on this machine, not Azure Storage. Each metric is the median of several
/// timed repetitions after one warm-up repetition.
/// </remarks>
public sealed class StorageSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "storage";

    /// <inheritdoc />
    public string Description => "Tables/Blobs/Queues clients and the durable Azure Storage backend against a local Azurite (needs Node.js + npm)";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var azurite = new AzuriteFixture();
        azurite.InitializeAsync().GetAwaiter().GetResult();
        try
        {
            var scale = new StorageScale(options.Quick);
            foreach (var result in StorageTableBenchmarks.Run(azurite.ConnectionString, scale))
            {
                yield return result;
            }

            foreach (var result in StorageBlobBenchmarks.Run(azurite.ConnectionString, scale))
            {
                yield return result;
            }

            foreach (var result in StorageQueueBenchmarks.Run(azurite.ConnectionString, scale))
            {
                yield return result;
            }

            foreach (var result in StorageDurableBenchmarks.Run(azurite.ConnectionString, scale))
            {
                yield return result;
            }
        }
        finally
        {
            azurite.DisposeAsync().GetAwaiter().GetResult();
        }
    }
}

/// <summary>How much work each storage benchmark does per repetition.</summary>
internal sealed record StorageScale(bool Quick)
{
    public int Repetitions => Quick ? 2 : 5;

    public int Entities => Quick ? 100 : 1000;

    public int Concurrency => 8;

    public int BlobBytes => Quick ? 1 << 20 : 16 << 20;

    public int Messages => Quick ? 100 : 1000;
}

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
