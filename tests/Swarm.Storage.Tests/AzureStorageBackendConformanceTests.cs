using Swarm.Durable.Backend;
using Swarm.Durable.Conformance;
using Swarm.Storage.Durable;
using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

/// <summary>The durable backend conformance suite on the Azure Storage backend against Azurite, one task hub per test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendConformanceTests(AzuriteFixture azurite) : BackendConformanceTests
{
    private readonly string _taskHub = "hub" + Guid.NewGuid().ToString("N")[..12];

    private AzureStorageDurableBackend NewBackend() =>
        new(azurite.ConnectionString, new AzureStorageDurableBackendOptions { TaskHubName = _taskHub });

    protected override Task<IDurableBackend> CreateBackendAsync() => Task.FromResult<IDurableBackend>(NewBackend());

    protected override Task<IDurableBackend> OpenSameStoreAsync() => Task.FromResult<IDurableBackend>(NewBackend());

    protected override async Task CorruptHistoryAsync(string instanceId)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var instance = (await service.GetTableClient(_taskHub + "Instances").GetEntityAsync<TableEntity>(instanceId, string.Empty)).Value;
        var firstEvent = instance.GetString("ExecutionId") + ".00000000";
        await service.GetTableClient(_taskHub + "History").UpsertEntityAsync(
            new TableEntity(instanceId, firstEvent) { ["Event"] = "{\"$type\":\"no-such-event\"" }, TableUpdateMode.Replace);
    }
}
