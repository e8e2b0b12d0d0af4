using Azure.Storage.Queues;

namespace Swarm.Bench;

/// <summary>Queue sends, and receives of up to 32 messages followed by their deletes.</summary>
internal static class StorageQueueBenchmarks
{
    public static IEnumerable<BenchmarkResult> Run(string connectionString, StorageScale scale)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var queue = new QueueServiceClient(connectionString, options).GetQueueClient("bench-" + Guid.NewGuid().ToString("N")[..12]);
        queue.CreateAsync().GetAwaiter().GetResult();
        var body = BinaryData.FromString("{\"instanceId\":\"sweep-0001\",\"taskId\":42,\"name\":\"RunSimulationChunk\"}");

        var send = StorageMeasure.MedianRate(scale.Repetitions, scale.Messages, _ =>
            StorageMeasure.ParallelAsync(scale.Messages, scale.Concurrency, _ => queue.SendMessageAsync(body)));
        yield return new BenchmarkResult($"queue/send/concurrency-{scale.Concurrency}", "median_throughput", send, "messages/s");

        var receive = StorageMeasure.MedianRate(scale.Repetitions, scale.Messages, async _ =>
        {
            var handled = 0;
            while (handled < scale.Messages)
            {
                var messages = (await queue.ReceiveMessagesAsync(Math.Min(32, scale.Messages - handled), TimeSpan.FromMinutes(5))).Value;
                if (messages.Length == 0)
                {
                    throw new InvalidOperationException($"The queue ran dry after {handled} of {scale.Messages} messages.");
                }

                await Task.WhenAll(messages.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
                handled += messages.Length;
            }
        });
        yield return new BenchmarkResult("queue/receive-32-and-delete", "median_throughput", receive, "messages/s");

        queue.DeleteAsync().GetAwaiter().GetResult();
    }
}
