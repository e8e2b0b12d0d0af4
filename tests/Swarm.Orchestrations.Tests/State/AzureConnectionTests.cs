using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>Storage connections read from app settings as the Functions host reads them, and the SDK clients they make.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureConnectionTests(AzuriteFixture azurite)
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public async Task FromConfiguration_ConnectionString_MakesWorkingTableBlobAndQueueClients()
    {
        var connection = AzureConnection.FromConfiguration(Settings(("AzureWebJobsState", azurite.ConnectionString)), "State");
        var name = "conn" + Guid.NewGuid().ToString("N")[..12];
        var table = connection.CreateTableServiceClient().GetTableClient(name);

        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.True(connection.IsConnectionString);
        Assert.Null(connection.Credential);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
        Assert.NotNull((await connection.CreateBlobServiceClient().GetBlobContainerClient(name).CreateIfNotExistsAsync())?.Value);
        await connection.CreateQueueServiceClient().GetQueueClient(name).CreateAsync();
        await table.DeleteAsync();
    }

    [Fact]
    public void FromConfiguration_DevelopmentStorage_TargetsAzuritesDefaultEndpoints()
    {
        var connection = AzureConnection.FromConfiguration(Settings(("Results", "UseDevelopmentStorage=true")), "Results");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.CreateBlobServiceClient().Uri);
    }

    [Fact]
    public void FromConfiguration_AccountNameWithManagedIdentity_UsesTheUserAssignedIdentity()
    {
        var connection = AzureConnection.FromConfiguration(Settings(
            ("Storage:accountName", "swarmdata"),
            ("Storage:credential", "managedidentity"),
            ("Storage:clientId", "00000000-0000-0000-0000-000000000001")), "Storage");

        Assert.False(connection.IsConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://swarmdata.table.core.windows.net"), connection.CreateTableServiceClient().Uri);
        Assert.Equal(new Uri("https://swarmdata.blob.core.windows.net"), connection.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("https://swarmdata.queue.core.windows.net"), connection.CreateQueueServiceClient().Uri);
    }

    [Fact]
    public void FromConfiguration_ServiceUrisWithoutCredential_UseDefaultAzureCredentialAndNameTheMissingService()
    {
        var connection = AzureConnection.FromConfiguration(Settings(
            ("Data:serviceUri", "https://acct.blob.core.windows.net/"),
            ("Data:tableServiceUri", "https://acct.table.core.windows.net")), "Data");

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.CreateTableServiceClient().Uri);
        var error = Assert.Throws<InvalidOperationException>(() => connection.CreateQueueServiceClient());
        Assert.Contains("Data__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:serviceUri", "https://example.com", "does not say which service")]
    [InlineData("Storage:blobServiceUri", "ftp://x", "not an absolute http(s) URI")]
    [InlineData("Storage:accountName", "Bad_Name", "not a storage account name")]
    [InlineData("Other", "UseDevelopmentStorage=true", "No storage connection named 'Storage'")]
    public void FromConfiguration_BadSettings_ThrowFormatExceptionNamingTheSetting(string key, string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AzureConnection.FromConfiguration(Settings((key, value)), "Storage"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("AccountName=x")]
    [InlineData("NotAKey=1")]
    public void OpenStateStore_MalformedConnectionString_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => AzureStateStore.Open(connectionString));
    }
}
