using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>The shared Azurite fixture serves the three services the SDK clients use, and checks their signatures.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    private readonly string _name = "fixture" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task ConnectionString_ReachesTablesBlobsAndQueuesWithTheDevelopmentKey()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableAsync(_name);
        var listed = await tables.QueryAsync(t => t.Name == _name).ToListAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_name);
        await container.CreateAsync();
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(_name);
        await queue.CreateAsync();

        Assert.Equal(_name, Assert.Single(listed).Name);
        Assert.True((await container.ExistsAsync()).Value);
        Assert.True((await queue.ExistsAsync()).Value);
        await tables.DeleteTableAsync(_name);
        await container.DeleteAsync();
        await queue.DeleteAsync();
    }

    [Fact]
    public async Task RequestSignedWithAnotherKey_IsRefused()
    {
        var wrongKey = new TableSharedKeyCredential(AzuriteFixture.AccountName, Convert.ToBase64String(new byte[64]));
        var client = new TableServiceClient(azurite.TableEndpoint, wrongKey, new TableClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateTableAsync(_name));

        Assert.Equal(403, error.Status);
    }
}
