using Azure.Data.Tables;
using Swarm.Durable.TaskHub;
using Swarm.Testing;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>A task hub on Azure Storage is opened only in DurableTask.AzureStorage's own format.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageTaskHubTests(AzuriteFixture azurite)
{
    private static string HubName() => "hub" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task OpenAsync_TablesOfAnotherFormatUnderTheHubsName_IsRefusedNamingThem()
    {
        var hub = HubName();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(hub + "Instances");
        await tables.CreateTableIfNotExistsAsync(hub + "History");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzureStorageTaskHub.OpenAsync(azurite.ConnectionString, hub));

        Assert.Contains(hub + "Instances", error.Message, StringComparison.Ordinal);
        Assert.Contains("another task hub name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_HubTheProviderCreated_OpensAgain()
    {
        var hub = HubName();
        var first = await AzureStorageTaskHub.OpenAsync(azurite.ConnectionString, hub);
        await first.CreateIfNotExistsAsync();
        await first.StartAsync();
        await first.StopAsync();

        var second = await AzureStorageTaskHub.OpenAsync(azurite.ConnectionString, hub);

        Assert.NotNull(second);
        await second.DeleteAsync();
    }
}
