using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>
/// The state-store contract on Azure Storage through the Azure SDK clients, served by Azurite. Queries use small
/// pages so that every multi-record query crosses continuation tokens.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStateStoreContractTests(AzuriteFixture azurite) : StateStoreContractTests
{
    protected override StateStore OpenStore()
    {
        return new StateStore(
            new AzureRecordStore(new TableServiceClient(azurite.ConnectionString), pageSize: 7),
            new AzureBlobStore(new BlobServiceClient(azurite.ConnectionString)));
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

    [Fact]
    public async Task Get_EntityWrittenWithInt32AndGuid_ReadsThemAsLongAndString()
    {
        var table = Table("Foreign");
        await Store.Records.CreateTableAsync(table);
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(table);
        var id = Guid.NewGuid();
        await client.AddEntityAsync(new TableEntity("p", "r") { ["Count"] = 7, ["Id"] = id });

        var read = await Store.Records.GetAsync(table, "p", "r");

        Assert.Equal(7L, Assert.IsType<long>(read!.Properties["Count"]));
        Assert.Equal(id.ToString("D"), Assert.IsType<string>(read.Properties["Id"]));
        Assert.False(read.Properties.ContainsKey("Timestamp"));
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    public async Task Insert_ReservedPropertyName_ThrowsArgument(string name)
    {
        var table = Table("Reserved");
        await Store.Records.CreateTableAsync(table);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.Records.InsertAsync(new StateRecord(table, "p", "r", new Dictionary<string, object?> { [name] = "x" })));
    }

    [Fact]
    public async Task Insert_PropertyOverTheServiceLimit_ThrowsArgumentNamingIt()
    {
        var table = Table("Large");
        await Store.Records.CreateTableAsync(table);

        var text = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.Records.InsertAsync(new StateRecord(table, "p", "r", new Dictionary<string, object?> { ["Log"] = new string('x', (32 * 1024) + 1) })));
        var bytes = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.Records.InsertAsync(new StateRecord(table, "p", "r", new Dictionary<string, object?> { ["Blob"] = new byte[(64 * 1024) + 1] })));

        Assert.Contains("'Log'", text.Message, StringComparison.Ordinal);
        Assert.Contains("'Blob'", bytes.Message, StringComparison.Ordinal);
        await Store.Records.InsertAsync(new StateRecord(table, "p", "r", new Dictionary<string, object?> { ["Log"] = new string('x', 32 * 1024), ["Blob"] = new byte[64 * 1024] }));
    }
}
