using Azure.Data.Tables;

namespace Swarm.Bench;

/// <summary>Table inserts (one per request, and in 100-entity transactions) and point reads.</summary>
internal static class StorageTableBenchmarks
{
    public static IEnumerable<BenchmarkResult> Run(string connectionString, StorageScale scale)
    {
        var service = new TableServiceClient(connectionString);
        var table = service.GetTableClient("bench" + Guid.NewGuid().ToString("N")[..12]);
        table.CreateAsync().GetAwaiter().GetResult();
        static TableEntity Row(string partition, int i) => new(partition, StorageMeasure.Key(i)) { ["Step"] = (long)i, ["Value"] = i * 0.5, ["Label"] = "agent" };

        var sequential = StorageMeasure.MedianRate(scale.Repetitions, scale.Entities / 4.0, async rep =>
        {
            for (var i = 0; i < scale.Entities / 4; i++)
            {
                await table.AddEntityAsync(Row($"seq{rep}", i));
            }
        });
        yield return new BenchmarkResult("table/insert-single/sequential", "median_throughput", sequential, "entities/s");

        var parallel = StorageMeasure.MedianRate(scale.Repetitions, scale.Entities, rep =>
            StorageMeasure.ParallelAsync(scale.Entities, scale.Concurrency, i => table.AddEntityAsync(Row($"par{rep}", i))));
        yield return new BenchmarkResult($"table/insert-single/concurrency-{scale.Concurrency}", "median_throughput", parallel, "entities/s");

        var batched = StorageMeasure.MedianRate(scale.Repetitions, scale.Entities, async rep =>
        {
            for (var start = 0; start < scale.Entities; start += 100)
            {
                var actions = Enumerable.Range(start, Math.Min(100, scale.Entities - start))
                    .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row($"batch{rep}", i)));
                await table.SubmitTransactionAsync(actions);
            }
        });
        yield return new BenchmarkResult("table/insert-batch-100/sequential", "median_throughput", batched, "entities/s");

        var reads = StorageMeasure.MedianRate(scale.Repetitions, scale.Entities, _ =>
            StorageMeasure.ParallelAsync(scale.Entities, scale.Concurrency, i => table.GetEntityAsync<TableEntity>("par0", StorageMeasure.Key(i))));
        yield return new BenchmarkResult($"table/point-read/concurrency-{scale.Concurrency}", "median_throughput", reads, "reads/s");

        table.DeleteAsync().GetAwaiter().GetResult();
    }
}
