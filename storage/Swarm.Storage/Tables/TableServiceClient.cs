using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Tables;

/// <summary>The Table service of one storage account: create, delete and list tables; hand out <see cref="TableClient"/>s.</summary>
/// <remarks>Thread-safe and meant to be long-lived; every <see cref="TableClient"/> it creates shares its pipeline.</remarks>
public class TableServiceClient
{
    private readonly HttpPipeline _pipeline = null!;

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
    }

    /// <summary>Connects with a storage connection string (see <see cref="StorageConnectionString"/>).</summary>
    public TableServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>Connects with a storage connection string and options.</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>Connects to <paramref name="endpoint"/> with Shared Key.</summary>
    public TableServiceClient(Uri endpoint, AzureNamedKeyCredential credential, TableClientOptions? options = null)
    {
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForSharedKey(options ?? new TableClientOptions(), credential, table: true);
    }

    /// <summary>Connects to <paramref name="endpoint"/> with Microsoft Entra ID bearer tokens (scope <c>https://storage.azure.com/.default</c>).</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        Uri = StoragePipeline.ValidateEndpoint(endpoint);
        _pipeline = StoragePipeline.ForToken(options ?? new TableClientOptions(), credential, Uri, StoragePipeline.StorageScope);
    }

    private TableServiceClient(StorageConnectionString connection, TableClientOptions? options)
        : this(connection.TableEndpoint ?? throw new ArgumentException("The storage connection string names no TableEndpoint.", nameof(connection)),
            connection.Credential, options)
    {
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>A client for the table <paramref name="tableName"/> that shares this client's pipeline.</summary>
    public virtual TableClient GetTableClient(string tableName) => new(Uri, tableName, _pipeline);

    /// <summary>Creates the table; 409 <c>TableAlreadyExists</c> if it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateAsync(cancellationToken);

    /// <summary>Creates the table unless it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the table; 404 <c>ResourceNotFound</c> if it does not exist.</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>Lists tables, optionally with an OData <paramref name="filter"/> on <c>TableName</c>.</summary>
    public virtual AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new StoragePageable<TableItem>((token, hint, ct) => QueryPageAsync(filter, hint ?? maxPerPage, token, ct), cancellationToken);

    private async Task<Page<TableItem>> QueryPageAsync(string? filter, int? top, string? continuation, CancellationToken cancellationToken)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(Uri);
        uri.AppendPath("/Tables", escape: false);
        if (filter is not null)
        {
            uri.AppendQuery("$filter", filter);
        }

        if (top is { } n)
        {
            uri.AppendQuery("$top", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            uri.AppendQuery("NextTableName", continuation);
        }

        using var message = TableRequests.Create(_pipeline, RequestMethod.Get, uri.ToUri());
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var tables = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(t => new TableItem(t.GetProperty("TableName").GetString()!))
            .ToArray();
        response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next);
        return Page<TableItem>.FromValues(tables, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
