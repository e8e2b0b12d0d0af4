using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Blobs;

/// <summary>The Blob service of one storage account: list containers, hand out <see cref="BlobContainerClient"/>s.</summary>
/// <remarks>Thread-safe and meant to be long-lived; the clients it creates share its pipeline.</remarks>
public class BlobServiceClient
{
    private readonly HttpPipeline _pipeline = null!;

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
    }

    /// <summary>Connects with a storage connection string (see <see cref="StorageConnectionString"/>).</summary>
    public BlobServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>Connects with a storage connection string and options.</summary>
    public BlobServiceClient(string connectionString, BlobClientOptions? options)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>Connects to <paramref name="endpoint"/> with Shared Key.</summary>
    public BlobServiceClient(Uri endpoint, AzureNamedKeyCredential credential, BlobClientOptions? options = null)
    {
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForSharedKey(options ?? new BlobClientOptions(), credential, table: false);
    }

    /// <summary>Connects to <paramref name="endpoint"/> with bearer tokens (scope <c>https://storage.azure.com/.default</c>).</summary>
    public BlobServiceClient(Uri endpoint, TokenCredential credential, BlobClientOptions? options = null)
    {
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForToken(options ?? new BlobClientOptions(), credential, Uri, StoragePipeline.StorageScope);
    }

    private BlobServiceClient(StorageConnectionString connection, BlobClientOptions? options)
        : this(connection.BlobEndpoint ?? throw new ArgumentException("The storage connection string names no BlobEndpoint.", nameof(connection)),
            connection.Credential, options)
    {
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>A client for the container <paramref name="containerName"/> sharing this pipeline.</summary>
    public virtual BlobContainerClient GetBlobContainerClient(string containerName) => new(Uri, containerName, _pipeline);

    /// <summary>Lists containers whose names start with <paramref name="prefix"/>.</summary>
    public virtual AsyncPageable<BlobContainerItem> GetBlobContainersAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new StoragePageable<BlobContainerItem>((marker, hint, ct) => ListPageAsync(prefix, marker, hint, ct), cancellationToken);

    private async Task<Page<BlobContainerItem>> ListPageAsync(string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        var uri = BlobRequests.WithQuery(new Uri(Uri.AbsoluteUri.TrimEnd('/') + "/"), ("comp", "list"), ("prefix", prefix), ("marker", marker),
            ("maxresults", maxResults?.ToString(CultureInfo.InvariantCulture)));
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Get, uri);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = root.Element("Containers")?.Elements("Container").Select(c => new BlobContainerItem(
            c.Element("Name")!.Value,
            BlobRequests.ETagFromBody(c.Element("Properties")?.Element("Etag")?.Value),
            DateTimeOffset.Parse(c.Element("Properties")?.Element("Last-Modified")?.Value ?? "0001-01-01", CultureInfo.InvariantCulture))).ToArray() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return Page<BlobContainerItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
