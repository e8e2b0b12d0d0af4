using Azure;
using Azure.Core.Pipeline;
using Swarm.Storage.Blobs;
using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

/// <summary>Throttling and server errors, which Azurite does not produce on demand, from a loopback server.</summary>
public sealed class TransientFailureTests
{
    private const string ServerBusy =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>";

    private static readonly Azure.AzureNamedKeyCredential Key = new(AzuriteFixture.AccountName, AzuriteFixture.AccountKey);

    [Fact]
    public async Task Send_503ThenSuccess_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) <= 2
            ? new LoopbackResponse(503, ServerBusy, new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" })
            : new LoopbackResponse(201, string.Empty, new Dictionary<string, string> { ["ETag"] = "\"0x1\"", ["Last-Modified"] = "Sun, 22 Nov 2026 03:00:00 GMT" }));
        var options = new BlobClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 3;
        var blob = new BlobServiceClient(server.Endpoint, Key, options).GetBlobContainerClient("c1c").GetBlobClient("b");

        var info = await blob.UploadAsync(BinaryData.FromString("x"), overwrite: true);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(new ETag("0x1"), info.Value.ETag);
        Assert.All(server.Requests, r => Assert.StartsWith("SharedKey devstoreaccount1:", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_500Persisting_GivesUpAfterRetriesWithServiceCode()
    {
        const string tableError = "{\"odata.error\":{\"code\":\"InternalError\",\"message\":{\"lang\":\"en-US\",\"value\":\"Server fault.\"}}}";
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(500, tableError, new Dictionary<string, string> { ["Content-Type"] = "application/json" }));
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 2;
        var table = new TableServiceClient(server.Endpoint, Key, options).GetTableClient("jobs");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(500, error.Status);
        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Contains("Server fault.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_409_IsNotRetried()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(409,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ContainerAlreadyExists</Code><Message>exists</Message></Error>"));
        var options = new BlobClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var container = new BlobServiceClient(server.Endpoint, Key, options).GetBlobContainerClient("exists");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateAsync());

        Assert.Single(server.Requests);
        Assert.Equal("ContainerAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task TokenCredential_StorageRequest_SendsBearerForStorageScope()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(204), tls: true);
        var credential = new RecordingTokenCredential("storage-token");
        var options = new TableClientOptions { Transport = new HttpClientTransport(server.TrustingHandler()) };
        var table = new TableServiceClient(server.Endpoint, credential, options).GetTableClient("jobs");

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer storage-token", request.Headers["Authorization"]);
        Assert.Equal("MERGE", request.Method);
        Assert.Equal("/jobs(PartitionKey='p',RowKey='r')", request.Target);
        Assert.Equal(TableClientOptions.ServiceVersion, request.Headers["x-ms-version"]);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public void TokenCredential_HttpEndpoint_RefusedWithClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new BlobServiceClient(new Uri("http://127.0.0.1:10000/devstoreaccount1"), new RecordingTokenCredential("t")));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }
}
