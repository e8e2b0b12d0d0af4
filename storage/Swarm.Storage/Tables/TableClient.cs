using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Tables;

/// <summary>One table: create/delete it, and insert, upsert, update, delete, get, query and batch its entities.</summary>
/// <remarks>
/// Entities are <see cref="TableEntity"/> dictionaries or typed classes implementing <see cref="ITableEntity"/>.
/// Updates and deletes take an <see cref="ETag"/> for optimistic concurrency: a stale one fails with 412
/// <c>UpdateConditionNotSatisfied</c>; <see cref="ETag.All"/> means unconditionally.
/// Thread-safe and meant to be long-lived.
/// </remarks>
public class TableClient
{
    private const DynamicallyAccessedMemberTypes EntityMembers =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _serviceUri = null!;

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> with a storage connection string.</summary>
    public TableClient(string connectionString, string tableName)
        : this(connectionString, tableName, null)
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> with a storage connection string and options.</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options)
        : this(new TableServiceClient(connectionString, options).Uri, tableName, StorageConnectionString.Parse(connectionString).Credential, options)
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> at <paramref name="endpoint"/> with Shared Key.</summary>
    public TableClient(Uri endpoint, string tableName, AzureNamedKeyCredential credential, TableClientOptions? options = null)
        : this(StoragePipeline.ValidateEndpoint(endpoint), tableName, StoragePipeline.ForSharedKey(options ?? new TableClientOptions(), credential, table: true))
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> at <paramref name="endpoint"/> with bearer tokens.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(StoragePipeline.ValidateEndpoint(endpoint), tableName,
            StoragePipeline.ForToken(options ?? new TableClientOptions(), credential, endpoint, StoragePipeline.StorageScope))
    {
    }

    internal TableClient(Uri serviceUri, string tableName, HttpPipeline pipeline)
    {
        TableRequests.ValidateTableName(tableName);
        _serviceUri = serviceUri;
        _pipeline = pipeline;
        Name = tableName;
        Uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + tableName);
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; } = null!;

    /// <summary>The table's URI.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>Creates the table; 409 <c>TableAlreadyExists</c> if it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = TableRequests.Create(_pipeline, RequestMethod.Post, new Uri(_serviceUri.AbsoluteUri.TrimEnd('/') + "/Tables"));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        TableRequests.JsonBody(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Creates the table unless it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.GetRawResponse() is { } existing)
        {
            return Response.FromValue(new TableItem(Name), existing);
        }
    }

    /// <summary>Deletes the table; 404 <c>ResourceNotFound</c> if it does not exist.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = TableRequests.Create(_pipeline, RequestMethod.Delete, new Uri(_serviceUri.AbsoluteUri.TrimEnd('/') + "/Tables('" + Uri.EscapeDataString(Name) + "')"));
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts <paramref name="entity"/>; 409 <c>EntityAlreadyExists</c> if one has its keys. The new ETag is in the response headers.</summary>
    public virtual async Task<Response> AddEntityAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        var values = ToEntity(entity);
        using var message = TableRequests.Create(_pipeline, RequestMethod.Post, Uri);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        TableRequests.JsonBody(message.Request, TableEntityJson.Serialize(values));
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts <paramref name="entity"/>, or merges into / replaces the stored one.</summary>
    public virtual Task<Response> UpsertEntityAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity =>
        WriteEntityAsync(ToEntity(entity), mode, ifMatch: null, cancellationToken);

    /// <summary>
    /// Merges into or replaces the stored entity if its ETag is still <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/>: unconditionally); 412 when it changed, 404 when it is gone.
    /// </summary>
    public virtual Task<Response> UpdateEntityAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("UpdateEntityAsync needs an ETag to match; pass ETag.All to update unconditionally.", nameof(ifMatch));
        }

        return WriteEntityAsync(ToEntity(entity), mode, ifMatch, cancellationToken);
    }

    /// <summary>
    /// Deletes the entity if its ETag is still <paramref name="ifMatch"/> (default: unconditionally);
    /// 412 when it changed, 404 when it does not exist.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = TableRequests.Create(_pipeline, RequestMethod.Delete, EntityUri(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", (ifMatch == default ? ETag.All : ifMatch).ToString());
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one entity; 404 <c>ResourceNotFound</c> when absent.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">Only these properties (OData <c>$select</c>), or all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<Response<T>> GetEntityAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var uri = new RequestUriBuilder();
        uri.Reset(EntityUri(partitionKey, rowKey));
        if (select is not null)
        {
            uri.AppendQuery("$select", string.Join(',', select));
        }

        using var message = TableRequests.Create(_pipeline, RequestMethod.Get, uri.ToUri());
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(document.RootElement);
        if (entity.ETag == default && response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return Response.FromValue(TableEntityMapper<T>.FromEntity(entity), response);
    }

    /// <summary>Reads one entity, or none when it does not exist.</summary>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        try
        {
            var response = await GetEntityAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
            return new StorageNullableResponse<T>(response.Value, response.GetRawResponse());
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "ResourceNotFound" or "EntityNotFound" && e.GetRawResponse() is { } missing)
        {
            return new StorageNullableResponse<T>(null, missing);
        }
    }

    /// <summary>
    /// Queries entities with an OData <paramref name="filter"/> (build one safely with <see cref="CreateQueryFilter"/>),
    /// page by page following the service's continuation tokens.
    /// </summary>
    /// <param name="filter">OData <c>$filter</c>, or all entities.</param>
    /// <param name="maxPerPage">OData <c>$top</c>: at most this many entities per page (the service caps pages at 1000).</param>
    /// <param name="select">Only these properties (OData <c>$select</c>), or all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual AsyncPageable<T> QueryAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        if (maxPerPage is <= 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "maxPerPage must be between 1 and 1000.");
        }

        var selected = select is null ? null : string.Join(',', select);
        return new StoragePageable<T>((token, hint, ct) => QueryPageAsync<T>(filter, hint ?? maxPerPage, selected, token, ct), cancellationToken);
    }

    private async Task<Page<T>> QueryPageAsync<[DynamicallyAccessedMembers(EntityMembers)] T>(
        string? filter, int? top, string? select, string? continuation, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var uri = new RequestUriBuilder();
        uri.Reset(new Uri(Uri.AbsoluteUri.TrimEnd('/') + "()"));
        if (filter is not null)
        {
            uri.AppendQuery("$filter", filter);
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select);
        }

        if (top is { } n)
        {
            uri.AppendQuery("$top", n.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            var split = continuation.IndexOf(' ', StringComparison.Ordinal);
            if (split < 0)
            {
                throw new ArgumentException($"'{continuation}' is not a continuation token this client issued.", nameof(continuation));
            }

            uri.AppendQuery("NextPartitionKey", continuation[..split]);
            if (split + 1 < continuation.Length)
            {
                uri.AppendQuery("NextRowKey", continuation[(split + 1)..]);
            }
        }

        using var message = TableRequests.Create(_pipeline, RequestMethod.Get, uri.ToUri());
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var values = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(e => TableEntityMapper<T>.FromEntity(TableEntityJson.Read(e)))
            .ToArray();

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && !string.IsNullOrEmpty(nextPartition))
        {
            // Both keys travel as one opaque token; the service's tokens never contain a space.
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
            next = nextPartition + " " + nextRow;
        }

        return Page<T>.FromValues(values, next, response);
    }

    /// <summary>
    /// Commits up to 100 actions on entities of one partition atomically (an entity group transaction):
    /// all apply or none do.
    /// </summary>
    /// <exception cref="TableTransactionFailedException">The service refused an action; none was applied.</exception>
    public virtual async Task<Response<IReadOnlyList<TableTransactionResult>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions as IReadOnlyList<TableTransactionAction> ?? actions.ToArray();
        TableTransactionBatch.Validate(list);

        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = TableTransactionBatch.Build(boundary, Uri, list, e => e as TableEntity ?? EntityFromInterface(e));
        using var message = TableRequests.Create(_pipeline, RequestMethod.Post, new Uri(_serviceUri.AbsoluteUri.TrimEnd('/') + "/$batch"));
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + boundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var results = TableTransactionBatch.ReadResponse(Encoding.UTF8.GetString(response.Content.ToMemory().Span), list.Count);
        return Response.FromValue(results, response);
    }

    /// <summary>
    /// Builds an OData filter from an interpolated string, quoting and escaping each value by its type:
    /// <c>CreateQueryFilter($"PartitionKey eq {pk} and Count gt {10L}")</c>.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(ODataLiteral).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    private static string ODataLiteral(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal)) ? text : text + ".0",
        Guid g => "guid'" + g.ToString("D") + "'",
        DateTimeOffset dto => "datetime'" + TableEntityJson.FormatDateTime(dto) + "'",
        DateTime dt => "datetime'" + TableEntityJson.FormatDateTime(new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind))) + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        Enum e => "'" + e.ToString() + "'",
        _ => throw new ArgumentException($"A filter value of type {value.GetType().Name} has no OData literal form."),
    };

    private async Task<Response> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var method = mode switch
        {
            TableUpdateMode.Merge => new RequestMethod("MERGE"),
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };

        using var message = TableRequests.Create(_pipeline, method, EntityUri(entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", etag.ToString());
        }

        TableRequests.JsonBody(message.Request, TableEntityJson.Serialize(entity));
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Uri EntityUri(string partitionKey, string rowKey) => new(Uri.AbsoluteUri.TrimEnd('/') + EntityKeyPath(partitionKey, rowKey));

    internal static string EntityKeyPath(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        static string Key(string value) => Uri.EscapeDataString(value.Replace("'", "''", StringComparison.Ordinal));
        return $"(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')";
    }

    private static TableEntity ToEntity<[DynamicallyAccessedMembers(EntityMembers)] T>(T entity)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        return TableEntityMapper<T>.ToEntity(entity);
    }

    // Transaction actions hold ITableEntity, so a typed entity is mapped through its runtime type.
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Entity types are application types kept by their use.")]
    private static TableEntity EntityFromInterface(ITableEntity entity)
    {
        var mapper = typeof(TableEntityMapper<>).MakeGenericType(entity.GetType());
        return (TableEntity)mapper.GetMethod(nameof(TableEntityMapper<TableEntity>.ToEntity))!.Invoke(null, [entity])!;
    }
}
