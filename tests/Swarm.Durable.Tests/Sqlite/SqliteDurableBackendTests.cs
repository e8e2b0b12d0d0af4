using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Conformance;
using Swarm.Durable.Execution;
using Swarm.Durable.History;
using Swarm.Durable.Hosting;
using Swarm.Durable.Sqlite;

namespace Swarm.Durable.Tests.Sqlite;

/// <summary>Behaviour specific to the SQLite backend's storage.</summary>
public sealed class SqliteDurableBackendTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-durable-tests", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _owned = [];

    private string DatabasePath => Path.Combine(_folder, "nested", "taskhub.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders a lingering handle keeps.
        }
    }

    [Fact]
    public async Task StartEmbedded_FolderMissing_CreatesDatabaseInWalMode()
    {
        var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2);

        Assert.Equal(OrchestrationStatus.Completed, (await CompletionAsync(host, id)).RuntimeStatus);
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task UnreadableMessage_FailsInstanceWithHistoryCorrupted()
    {
        await using (var backend = new SqliteDurableBackend(DatabasePath))
        {
            await backend.CreateIfNotExistsAsync();
            await new DurableTaskClient(backend).ScheduleNewOrchestrationInstanceAsync("WaitForever", options: new StartOrchestrationOptions("broken"));
        }

        Assert.Equal(1L, Scalar("UPDATE messages SET event = 'not json' WHERE instance_id = 'broken' RETURNING 1"));
        var host = await StartAsync();

        var done = await CompletionAsync(host, "broken");

        Assert.Equal(OrchestrationStatus.Failed, done.RuntimeStatus);
        Assert.Equal(RuntimeErrorTypes.HistoryCorrupted, done.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task ContinueAsNew_MoreMessagesThanOneBatch_EveryGenerationStartsAndTakesEventsInOrder()
    {
        var host = await StartAsync(new SqliteBackendOptions(DatabasePath) { MaxMessagesPerWorkItem = 2 });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", new ConformanceRegistry.CounterState(0, 0, 3));

        for (var i = 1; i <= 6; i++)
        {
            await host.Client.RaiseEventAsync(id, "add", i);
        }

        var done = await CompletionAsync(host, id);
        Assert.Equal(new ConformanceRegistry.CounterState(6, 3, 3, "123"), done.ReadOutputAs<ConformanceRegistry.CounterState>());
    }

    [Fact]
    public async Task Query_ContinuationTokenNotIssuedByQuery_IsRejectedClearly()
    {
        var host = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.QueryInstancesAsync(new OrchestrationQuery { ContinuationToken = "garbage" }));

        Assert.Contains("continuation token", error.Message, StringComparison.Ordinal);
    }

    private async Task<DurableHost> StartAsync(SqliteBackendOptions? options = null)
    {
        var backend = new SqliteDurableBackend(options ?? new SqliteBackendOptions(DatabasePath));
        _owned.Add(backend);
        var services = new ServiceCollection().AddSingleton(new ExecutionLedger()).BuildServiceProvider();
        var host = await DurableHost.StartAsync(backend, ConformanceRegistry.Create(), services, new DurableWorkerOptions { MaxPollInterval = TimeSpan.FromMilliseconds(50) });
        _owned.Add(host);
        return host;
    }

    private static async Task<OrchestrationMetadata> CompletionAsync(DurableHost host, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
