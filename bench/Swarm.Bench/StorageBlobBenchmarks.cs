using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Swarm.Bench;

/// <summary>Blob upload (staged 4 MiB blocks, 4 in flight) and streaming download.</summary>
internal static class StorageBlobBenchmarks
{
    public static IEnumerable<BenchmarkResult> Run(string connectionString, StorageScale scale)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("bench-" + Guid.NewGuid().ToString("N")[..12]);
        container.CreateAsync().GetAwaiter().GetResult();
        var data = RandomNumberGenerator.GetBytes(scale.BlobBytes);
        var megabytes = data.Length / (1024.0 * 1024.0);
        var sizeName = $"{data.Length >> 20}MiB";

        // The v1 client's shape: 4 MiB blocks staged 4 at a time, then one commit (the SDK would send 16 MiB in one Put Blob).
        var transfer = new StorageTransferOptions { InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20, MaximumConcurrency = 4 };
        var upload = StorageMeasure.MedianRate(scale.Repetitions, megabytes, rep =>
            container.GetBlobClient($"blob-{rep}").UploadAsync(new MemoryStream(data), new BlobUploadOptions { TransferOptions = transfer }));
        yield return new BenchmarkResult($"blob/upload-{sizeName}", "median_throughput", upload, "MiB/s");

        var buffer = new byte[81920];
        var download = StorageMeasure.MedianRate(scale.Repetitions, megabytes, async rep =>
        {
            using var result = (await container.GetBlobClient("blob-0").DownloadStreamingAsync()).Value;
            long total = 0;
            int read;
            while ((read = await result.Content.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            if (total != data.Length)
            {
                throw new InvalidOperationException($"Downloaded {total} bytes of {data.Length}.");
            }
        });
        yield return new BenchmarkResult($"blob/download-streaming-{sizeName}", "median_throughput", download, "MiB/s");

        container.DeleteAsync().GetAwaiter().GetResult();
    }
}
