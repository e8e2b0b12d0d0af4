using System.Security.Cryptography;
using Swarm.Storage.Blobs;

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

        var upload = StorageMeasure.MedianRate(scale.Repetitions, megabytes, rep =>
            container.GetBlobClient($"blob-{rep}").UploadAsync(new MemoryStream(data), new BlobUploadOptions()));
        yield return new BenchmarkResult($"blob/upload-{sizeName}", "median_throughput", upload, "MiB/s");

        var buffer = new byte[81920];
        var download = StorageMeasure.MedianRate(scale.Repetitions, megabytes, async rep =>
        {
            await using var result = (await container.GetBlobClient("blob-0").DownloadStreamingAsync()).Value;
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
