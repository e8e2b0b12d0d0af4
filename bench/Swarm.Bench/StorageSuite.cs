using Swarm.Testing;

namespace Swarm.Bench;

/// <summary>
/// Throughput of the Azure SDK storage clients (Azure.Data.Tables, Azure.Storage.Blobs, Azure.Storage.Queues) against a real Azurite that the suite starts itself (through the
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
    public string Description => "Azure SDK Tables/Blobs/Queues clients and the durable Azure Storage backend against a local Azurite (needs Node.js + npm)";

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
