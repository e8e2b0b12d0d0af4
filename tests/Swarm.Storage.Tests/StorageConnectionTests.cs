using Azure.Identity;
using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageConnectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FromSettings_ConnectionString_CreatesWorkingClients()
    {
        var connection = StorageConnection.FromSettings(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        var table = connection.CreateTableServiceClient().GetTableClient(Names.Table());

        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.NotNull(connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
        Assert.True(await connection.CreateBlobServiceClient().GetBlobContainerClient(Names.Container()).CreateIfNotExistsAsync());
        await connection.CreateQueueServiceClient().GetQueueClient(Names.Queue()).CreateAsync();
    }

    [Fact]
    public void FromSettings_AzureWebJobsPrefixedName_IsFound()
    {
        var connection = StorageConnection.FromSettings(new Dictionary<string, string?> { ["AzureWebJobsResults"] = "UseDevelopmentStorage=true" }, "Results");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
    }

    [Fact]
    public void FromSettings_AccountNameWithManagedIdentity_UsesManagedIdentityCredential()
    {
        var connection = StorageConnection.FromSettings(new Dictionary<string, string?>
        {
            ["Storage__accountName"] = "swarmdata",
            ["Storage__credential"] = "managedidentity",
            ["Storage__clientId"] = "00000000-0000-0000-0000-000000000001",
        }, "Storage");

        Assert.Equal(new Uri("https://swarmdata.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://swarmdata.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://swarmdata.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://swarmdata.table.core.windows.net"), connection.CreateTableServiceClient().Uri);
    }

    [Fact]
    public void FromSettings_ServiceUrisWithColonKeys_ReadLikeIConfiguration()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Data:serviceUri"] = "https://acct.blob.core.windows.net/",
            ["Data:tableServiceUri"] = "https://acct.table.core.windows.net",
        };

        var connection = StorageConnection.FromSettings(key => settings.GetValueOrDefault(key), "Data");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.Null(connection.QueueServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        var error = Assert.Throws<InvalidOperationException>(() => connection.CreateQueueServiceClient());
        Assert.Contains("Data__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage", "not a connection string", "Setting 'Storage'")]
    [InlineData("Storage__serviceUri", "https://example.com", "does not say which service")]
    [InlineData("Storage__blobServiceUri", "ftp://x", "not an absolute http(s) URI")]
    [InlineData("Storage__accountName", "Bad_Name", "not a storage account name")]
    [InlineData("Other", "UseDevelopmentStorage=true", "No storage connection named 'Storage'")]
    public void FromSettings_BadSettings_ThrowFormatExceptionNamingTheSetting(string key, string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.FromSettings(new Dictionary<string, string?> { [key] = value }, "Storage"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_UnknownCredentialKind_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.FromSettings(new Dictionary<string, string?>
        {
            ["S__accountName"] = "acct",
            ["S__credential"] = "password",
        }, "S"));

        Assert.Contains("'password' is not supported", error.Message, StringComparison.Ordinal);
    }
}
