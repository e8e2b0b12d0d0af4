using Swarm.Orchestrations.State;
using Swarm.Storage;
using Swarm.Storage.Blobs;
using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>
/// The state-store contract on Azure Storage, served by Azurite. Queries use small pages so that every
/// multi-record query crosses continuation tokens.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStateStoreContractTests(AzuriteFixture azurite) : StateStoreContractTests
{
    protected override StateStore OpenStore()
    {
        var connection = StorageConnectionString.Parse(azurite.ConnectionString);
        return new StateStore(
            new AzureRecordStore(new TableServiceClient(connection.TableEndpoint!, connection.Credential), pageSize: 7),
            new AzureBlobStore(new BlobServiceClient(connection.BlobEndpoint!, connection.Credential)));
    }

    [Fact]
    public async Task Open_ConnectionString_ReachesTheSameAccount()
    {
        var table = Table("Opened");
        await Store.Records.CreateTableAsync(table);
        await Store.Records.UpsertAsync(new StateRecord(table, "p", "r", new Dictionary<string, object?> { ["V"] = 5L }));

        var opened = AzureStateStore.Open(azurite.ConnectionString);

        Assert.Equal(5L, (await opened.Records.GetAsync(table, "p", "r"))!.GetInt64("V"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AccountName=x")]
    [InlineData("NotAKey=1")]
    public void Open_BadConnectionString_ThrowsFormatOrArgument(string connectionString)
    {
        var error = Record.Exception(() => AzureStateStore.Open(connectionString));

        Assert.True(error is FormatException or ArgumentException, error?.ToString());
    }
}
