using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Authentication;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    private static readonly AzureNamedKeyCredential Credential = new(AzuriteFixture.AccountName, AzuriteFixture.AccountKey);

    [Fact]
    public async Task Table_CreateThenGet_ReadsBackTheSameTable()
    {
        var pipeline = HttpPipelineBuilder.Build(new TestClientOptions(), new TableSharedKeyAuthenticationPolicy(Credential));
        var name = "fixture" + Guid.NewGuid().ToString("N")[..12];

        using var create = pipeline.CreateMessage();
        create.Request.Method = RequestMethod.Post;
        create.Request.Uri.Reset(new Uri(azurite.TableEndpoint + "/Tables"));
        TableHeaders(create.Request);
        create.Request.Headers.Add("Content-Type", "application/json");
        create.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new { TableName = name }));
        await pipeline.SendAsync(create, CancellationToken.None);
        Assert.Equal(201, create.Response.Status);

        using var get = pipeline.CreateMessage();
        get.Request.Method = RequestMethod.Get;
        get.Request.Uri.Reset(new Uri(azurite.TableEndpoint + "/Tables?$filter=" + Uri.EscapeDataString($"TableName eq '{name}'")));
        TableHeaders(get.Request);
        await pipeline.SendAsync(get, CancellationToken.None);

        Assert.Equal(200, get.Response.Status);
        using var body = JsonDocument.Parse(get.Response.Content.ToMemory());
        var table = Assert.Single(body.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(name, table.GetProperty("TableName").GetString());
    }

    [Fact]
    public async Task Blob_PutContainerThenList_FindsItWithSharedKey()
    {
        var pipeline = HttpPipelineBuilder.Build(new TestClientOptions(), new SharedKeyAuthenticationPolicy(Credential));
        var name = "fixture-" + Guid.NewGuid().ToString("N")[..12];

        using var create = pipeline.CreateMessage();
        create.Request.Method = RequestMethod.Put;
        create.Request.Uri.Reset(new Uri(azurite.BlobEndpoint + $"/{name}?restype=container"));
        create.Request.Headers.Add("x-ms-version", "2023-11-03");
        await pipeline.SendAsync(create, CancellationToken.None);
        Assert.Equal(201, create.Response.Status);

        using var list = pipeline.CreateMessage();
        list.Request.Method = RequestMethod.Get;
        list.Request.Uri.Reset(new Uri(azurite.BlobEndpoint + $"/?comp=list&prefix={name}"));
        list.Request.Headers.Add("x-ms-version", "2023-11-03");
        await pipeline.SendAsync(list, CancellationToken.None);

        Assert.Equal(200, list.Response.Status);
        Assert.Contains($"<Name>{name}</Name>", list.Response.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_UnsignedRequest_IsRejected()
    {
        var pipeline = HttpPipelineBuilder.Build(new TestClientOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(azurite.TableEndpoint + "/Tables"));
        TableHeaders(message.Request);

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(403, message.Response.Status);
    }

    private static void TableHeaders(Request request)
    {
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("Accept", "application/json;odata=nometadata");
        request.Headers.Add("DataServiceVersion", "3.0");
    }

    private sealed class TestClientOptions : ClientOptions
    {
        public TestClientOptions()
        {
            Retry.MaxRetries = 0;
        }
    }
}
