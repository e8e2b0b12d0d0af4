using Swarm.Durable;
using Swarm.Durable.Backend;
using Swarm.Durable.History;
using Swarm.Durable.Hosting;
using Swarm.Storage.Blobs;
using Swarm.Storage.Durable;
using Swarm.Storage.Queues;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

/// <summary>What the Azure Storage backend does beyond the shared conformance suite: its layout, payload offload, de-duplication.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageDurableBackendTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _taskHub = "hub" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<IAsyncDisposable> _owned = [];

    private static DurableWorkerOptions Options => new()
    {
        LockDuration = TimeSpan.FromSeconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
    };

    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivityFunc<int, int>("Square", (_, x) => x * x)
        .AddActivityFunc<string, string>("Shout", (_, text) => text + "!")
        .AddOrchestratorFunc<string, string>("Loud", (context, text) => context.CallActivityAsync<string>("Shout", text))
        .AddOrchestratorFunc<string, string>("SquareThenWait", async (context, name) =>
        {
            var square = await context.CallActivityAsync<int>("Square", 3);
            return square + ":" + await context.WaitForExternalEvent<string>(name);
        });

    private AzureStorageDurableBackend NewBackend(int partitions = 4)
    {
        var backend = new AzureStorageDurableBackend(azurite.ConnectionString, new AzureStorageDurableBackendOptions { TaskHubName = _taskHub, PartitionCount = partitions });
        _owned.Add(backend);
        return backend;
    }

    private async Task<DurableHost> StartAsync(IDurableBackend backend)
    {
        var host = await DurableHost.StartAsync(backend, Registry(), options: Options);
        _owned.Add(host);
        return host;
    }

    [Fact]
    public async Task CreateIfNotExists_NewHub_CreatesTheDurableFunctionsLayout()
    {
        await NewBackend(partitions: 2).CreateIfNotExistsAsync();

        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(azurite.ConnectionString).GetQueuesAsync(_taskHub.ToLowerInvariant()))
        {
            queues.Add(queue.Name);
        }

        var lower = _taskHub.ToLowerInvariant();
        Assert.Equal([$"{lower}-control-00", $"{lower}-control-01", $"{lower}-workitems"], queues.Order(StringComparer.Ordinal));
        Assert.True(await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"{lower}-largemessages").ExistsAsync());
        var tables = new List<string>();
        await foreach (var table in new Tables.TableServiceClient(azurite.ConnectionString).QueryAsync())
        {
            if (table.Name.StartsWith(_taskHub, StringComparison.Ordinal))
            {
                tables.Add(table.Name);
            }
        }

        Assert.Equal([_taskHub + "History", _taskHub + "Instances"], tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LargePayloads_OverQueueAndTableLimits_RoundTripThroughBlobs()
    {
        var backend = NewBackend();
        var host = await StartAsync(backend);
        var big = new string('s', 100_000);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loud", big);
        using var patience = new CancellationTokenSource(Patience);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(big + "!", done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
        var offloaded = new List<string>();
        await foreach (var blob in new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_taskHub.ToLowerInvariant() + "-largemessages").GetBlobsAsync(id + "/"))
        {
            offloaded.Add(blob.Name);
        }

        Assert.NotEmpty(offloaded);
        Assert.True(await backend.PurgeInstanceAsync(id));
        Assert.Null(await backend.GetInstanceAsync(id, includePayloads: false));
    }

    [Fact]
    public async Task DuplicateActivityResult_AfterCrashBeforeCommit_IsNotRecordedTwice()
    {
        var backend = NewBackend();
        var first = await StartAsync(backend);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("SquareThenWait", "go");
        var history = await UntilHistoryAsync(backend, id, h => h.OfType<TaskCompletedEvent>().Any());
        await first.DisposeAsync();

        // What a re-run episode produces when a worker died after queuing its activity but before committing.
        var scheduled = history.OfType<TaskScheduledEvent>().Single();
        var executionId = (await backend.GetInstanceAsync(id, includePayloads: false))!.ExecutionId;
        await backend.SendMessageAsync(new TaskMessage(id, executionId, new TaskCompletedEvent(-1, DateTime.UtcNow, scheduled.EventId, "9")));
        await backend.SendMessageAsync(new TaskMessage(id, executionId, new TaskCompletedEvent(-1, DateTime.UtcNow, scheduled.EventId, "9")));
        var second = await StartAsync(NewBackend());
        await second.Client.RaiseEventAsync(id, "go", "done");
        using var patience = new CancellationTokenSource(Patience);
        var result = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal("9:done", result.ReadOutputAs<string>());
        Assert.Single((await backend.GetHistoryAsync(id)).OfType<TaskCompletedEvent>());
    }

    [Fact]
    public async Task ExecutionStarted_PartitionedByInstanceIdHash_LandsOnOneControlQueue()
    {
        var backend = NewBackend(partitions: 4);
        await backend.CreateIfNotExistsAsync();
        var client = new DurableTaskClient(backend);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("Loud", "x"));
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        var counts = new List<int>();
        for (var p = 0; p < 4; p++)
        {
            counts.Add((await queues.GetQueueClient($"{_taskHub.ToLowerInvariant()}-control-{p:D2}").GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }

        Assert.Equal(12, counts.Sum());
        Assert.True(counts.Count(c => c > 0) > 1, "12 instance ids should spread over more than one partition");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("9hub")]
    [InlineData("has-dash")]
    public void Constructor_InvalidTaskHubName_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageDurableBackend(azurite.ConnectionString, new AzureStorageDurableBackendOptions { TaskHubName = name }));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<HistoryEvent>> UntilHistoryAsync(IDurableBackend backend, string id, Func<IReadOnlyList<HistoryEvent>, bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var history = await backend.GetHistoryAsync(id, patience.Token);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(20, patience.Token);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
