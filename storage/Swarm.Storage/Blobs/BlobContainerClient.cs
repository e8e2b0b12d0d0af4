using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Blobs;

/// <summary>One blob container: create, delete, list its blobs, lease it, hand out <see cref="BlobClient"/>s.</summary>
public class BlobContainerClient
{
    private readonly Uri _serviceUri = null!;

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
    }

    /// <summary>Connects to <paramref name="containerName"/> with a storage connection string.</summary>
    public BlobContainerClient(string connectionString, string containerName, BlobClientOptions? options = null)
        : this(new BlobServiceClient(connectionString, options).GetBlobContainerClient(containerName))
    {
    }

    /// <summary>Connects to <paramref name="containerName"/> at <paramref name="endpoint"/> with Shared Key.</summary>
    public BlobContainerClient(Uri endpoint, string containerName, AzureNamedKeyCredential credential, BlobClientOptions? options = null)
        : this(new BlobServiceClient(endpoint, credential, options).GetBlobContainerClient(containerName))
    {
    }

    /// <summary>Connects to <paramref name="containerName"/> at <paramref name="endpoint"/> with bearer tokens.</summary>
    public BlobContainerClient(Uri endpoint, string containerName, TokenCredential credential, BlobClientOptions? options = null)
        : this(new BlobServiceClient(endpoint, credential, options).GetBlobContainerClient(containerName))
    {
    }

    private BlobContainerClient(BlobContainerClient other)
        : this(other._serviceUri, other.Name, other.Pipeline)
    {
    }

    internal BlobContainerClient(Uri serviceUri, string containerName, HttpPipeline pipeline)
    {
        ValidateName(containerName);
        _serviceUri = serviceUri;
        Pipeline = pipeline;
        Name = containerName;
        Uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + containerName);
    }

    internal HttpPipeline Pipeline { get; } = null!;

    /// <summary>The container name.</summary>
    public virtual string Name { get; } = null!;

    /// <summary>The container's URI.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>A client for the blob <paramref name="blobName"/> in this container.</summary>
    public virtual BlobClient GetBlobClient(string blobName) => new(this, blobName, snapshot: null);

    /// <summary>A lease client for this container.</summary>
    public virtual BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(Pipeline, Uri, isContainer: true, leaseId);

    /// <summary>Creates the container; 409 <c>ContainerAlreadyExists</c> if it exists.</summary>
    public virtual async Task<Response<BlobContentInfo>> CreateAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(Pipeline, RequestMethod.Put, BlobRequests.WithQuery(Uri, ("restype", "container")));
        BlobRequests.Apply(message.Request, metadata);
        var response = await Pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRequests.ContentInfo(response), response);
    }

    /// <summary>Creates the container unless it exists; <see langword="true"/> when this call created it.</summary>
    public virtual async Task<bool> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await CreateAsync(metadata, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "ContainerAlreadyExists")
        {
            return false;
        }
    }

    /// <summary>Deletes the container and its blobs; 404 <c>ContainerNotFound</c> if it does not exist.</summary>
    public virtual async Task<Response> DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(Pipeline, RequestMethod.Delete, BlobRequests.WithQuery(Uri, ("restype", "container")));
        BlobRequests.Apply(message.Request, conditions);
        return await Pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the container if it exists; <see langword="true"/> when this call deleted it.</summary>
    public virtual async Task<bool> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(conditions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Whether the container exists.</summary>
    public virtual async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(Pipeline, RequestMethod.Head, BlobRequests.WithQuery(Uri, ("restype", "container")));
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            200 => true,
            404 => false,
            _ => throw await StoragePipeline.FailureAsync(message.Response, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Lists blobs whose names start with <paramref name="prefix"/>, in name order, page by page.</summary>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, BlobStates states = BlobStates.None, CancellationToken cancellationToken = default) =>
        new StoragePageable<BlobItem>((marker, hint, ct) => ListPageAsync(prefix, states, marker, hint, ct), cancellationToken);

    private async Task<Page<BlobItem>> ListPageAsync(string? prefix, BlobStates states, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        var include = string.Join(',', new[]
        {
            states.HasFlag(BlobStates.Snapshots) ? "snapshots" : null,
            states.HasFlag(BlobStates.Metadata) ? "metadata" : null,
        }.OfType<string>());
        var uri = BlobRequests.WithQuery(Uri, ("restype", "container"), ("comp", "list"), ("prefix", prefix), ("marker", marker),
            ("maxresults", maxResults?.ToString(CultureInfo.InvariantCulture)), ("include", include.Length == 0 ? null : include));
        using var message = BlobRequests.Create(Pipeline, RequestMethod.Get, uri);
        var response = await Pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(ReadItem).ToArray() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }

    private static BlobItem ReadItem(XElement blob)
    {
        var properties = blob.Element("Properties");
        string? Value(string name) => properties?.Element(name)?.Value;
        var metadata = blob.Element("Metadata")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
                       ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return new BlobItem(
            blob.Element("Name")!.Value,
            blob.Element("Snapshot")?.Value is { Length: > 0 } snapshot ? snapshot : null,
            new BlobProperties
            {
                ContentLength = long.TryParse(Value("Content-Length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) ? length : 0,
                ContentType = Value("Content-Type"),
                ETag = BlobRequests.ETagFromBody(Value("Etag")),
                LastModified = Value("Last-Modified") is { } modified ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture) : default,
                CreatedOn = Value("Creation-Time") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : null,
                LeaseState = Value("LeaseState"),
                LeaseStatus = Value("LeaseStatus"),
                LeaseDuration = Value("LeaseDuration"),
                Metadata = metadata,
            });
    }

    private static void ValidateName(string containerName)
    {
        ArgumentNullException.ThrowIfNull(containerName);
        var valid = containerName.Length is >= 3 and <= 63
                    && containerName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                    && containerName[0] != '-' && containerName[^1] != '-'
                    && !containerName.Contains("--", StringComparison.Ordinal);
        if (!valid && containerName != "$root")
        {
            throw new ArgumentException(
                $"Container name '{containerName}' is invalid: 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.",
                nameof(containerName));
        }
    }
}
