using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Queues;

/// <summary>The Queue service of one storage account: list queues and hand out <see cref="QueueClient"/>s.</summary>
/// <remarks>Thread-safe and meant to be long-lived; the clients it creates share its pipeline and encoding.</remarks>
public class QueueServiceClient
{
    private readonly HttpPipeline _pipeline = null!;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
    }

    /// <summary>Connects with a storage connection string (see <see cref="StorageConnectionString"/>).</summary>
    public QueueServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>Connects with a storage connection string and options.</summary>
    public QueueServiceClient(string connectionString, QueueClientOptions? options)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>Connects to <paramref name="endpoint"/> with Shared Key.</summary>
    public QueueServiceClient(Uri endpoint, AzureNamedKeyCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForSharedKey(options, credential, table: false);
        _encoding = options.MessageEncoding;
    }

    /// <summary>Connects to <paramref name="endpoint"/> with bearer tokens (scope <c>https://storage.azure.com/.default</c>).</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForToken(options, credential, Uri, StoragePipeline.StorageScope);
        _encoding = options.MessageEncoding;
    }

    private QueueServiceClient(StorageConnectionString connection, QueueClientOptions? options)
        : this(connection.QueueEndpoint ?? throw new ArgumentException("The storage connection string names no QueueEndpoint.", nameof(connection)),
            connection.Credential, options)
    {
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>A client for the queue <paramref name="queueName"/>, sharing this pipeline and encoding.</summary>
    public virtual QueueClient GetQueueClient(string queueName) => new(Uri, queueName, _pipeline, _encoding);

    /// <summary>Lists queues whose names start with <paramref name="prefix"/>.</summary>
    public virtual AsyncPageable<QueueItem> GetQueuesAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new StoragePageable<QueueItem>((marker, hint, ct) => ListPageAsync(prefix, marker, hint, ct), cancellationToken);

    private async Task<Page<QueueItem>> ListPageAsync(string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Get, new Uri(Uri.AbsoluteUri.TrimEnd('/') + "/"),
            ("comp", "list"), ("prefix", prefix), ("marker", marker), ("maxresults", maxResults?.ToString(CultureInfo.InvariantCulture)));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = root.Element("Queues")?.Elements("Queue").Select(q => new QueueItem(q.Element("Name")!.Value)).ToArray() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return Page<QueueItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
