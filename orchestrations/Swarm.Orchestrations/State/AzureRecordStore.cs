using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Swarm.Orchestrations.State;

/// <summary>The Azure Tables <see cref="IRecordStore"/>: a state-store table is an Azure table, a record an entity.</summary>
/// <remarks>
/// <para>Property types map to Edm types one to one: <see cref="string"/> ↔ Edm.String, <see cref="long"/> ↔ Edm.Int64
/// (an <see cref="int"/> is widened before it is written, as the embedded store does), <see cref="double"/> ↔ Edm.Double
/// (NaN and infinities included), <see cref="bool"/> ↔ Edm.Boolean, <see cref="DateTimeOffset"/> ↔ Edm.DateTime (UTC,
/// 100 ns precision, from 1601-01-01), <see cref="byte"/>[] ↔ Edm.Binary. Entities written by other code read back with
/// Edm.Int32 as <see cref="long"/> and Edm.Guid as <see cref="string"/>.</para>
/// <para>Azure Tables cannot store a null property: a property set to null is not written and reads back absent,
/// which the <see cref="StateRecord"/> accessors treat the same (null).</para>
/// <para>Errors follow the embedded store: 409 on insert and 412 (or 404, record gone) on a conditional write become
/// <see cref="RecordConflictException"/>; a write to a table that does not exist is an <see cref="InvalidOperationException"/>;
/// reads of a missing table or record return null or nothing.</para>
/// </remarks>
public sealed class AzureRecordStore : IRecordStore
{
    private const int MaxBatch = 100;
    private const int DefaultPageSize = 1000;
    private readonly TableServiceClient _service;
    private readonly int _pageSize;

    /// <summary>Keeps tables in the account <paramref name="service"/> connects to.</summary>
    public AzureRecordStore(TableServiceClient service)
        : this(service, DefaultPageSize)
    {
    }

    /// <summary>Keeps tables in the account <paramref name="service"/> connects to, querying <paramref name="pageSize"/> entities per request.</summary>
    /// <param name="service">The Table service client.</param>
    /// <param name="pageSize">Entities per query page (1-1000); queries follow continuation tokens across pages.</param>
    public AzureRecordStore(TableServiceClient service, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        _service = service;
        _pageSize = pageSize;
    }

    /// <inheritdoc />
    public async Task CreateTableAsync(string table, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        try
        {
            await _service.GetTableClient(table).CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "TableBeingDeleted")
        {
            throw new InvalidOperationException($"Table '{table}' is still being deleted by the service; create it again in a minute.", e);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // TableAlreadyExists: creating is idempotent.
        }
    }

    /// <inheritdoc />
    public async Task DeleteTableAsync(string table, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        try
        {
            await _service.GetTableClient(table).DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListTablesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The service lists in its own collation; the seam promises ordinal order, and table counts are small.
        var names = new List<string>();
        await foreach (var item in _service.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public async Task<StateRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        if (!IsValidKey(partitionKey) || !IsValidKey(rowKey))
        {
            // No write accepts such a key, so no record can have it.
            return null;
        }

        try
        {
            var response = await _service.GetTableClient(table).GetEntityAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return AzureRecordMapping.ToRecord(table, response.Value);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<string> InsertAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        var entity = AzureRecordMapping.ToEntity(record);
        try
        {
            var response = await _service.GetTableClient(record.Table).AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return ETagOf(response);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new RecordConflictException($"A record already exists at {record.Table}({record.PartitionKey}, {record.RowKey}).", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw MissingTable(record.Table, e);
        }
    }

    /// <inheritdoc />
    public async Task<string> UpsertAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        var entity = AzureRecordMapping.ToEntity(record);
        try
        {
            var response = await _service.GetTableClient(record.Table).UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ETagOf(response);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw MissingTable(record.Table, e);
        }
    }

    /// <inheritdoc />
    public async Task<string> ReplaceAsync(StateRecord record, CancellationToken cancellationToken = default)
    {
        var entity = AzureRecordMapping.ToEntity(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("A conditional replace needs the ETag the record was read at.", nameof(record));
        }

        var client = _service.GetTableClient(record.Table);
        try
        {
            var response = await client.UpdateEntityAsync(entity, new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ETagOf(response);
        }
        catch (RequestFailedException e) when (e.Status == 412 || (e.Status == 404 && !IsMissingTable(e)))
        {
            throw new RecordConflictException($"The record at {record.Table}({record.PartitionKey}, {record.RowKey}) changed since it was read, or is gone.", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw MissingTable(record.Table, e);
        }
    }

    /// <inheritdoc />
    public async Task UpsertBatchAsync(IReadOnlyList<StateRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        if (records.Count > MaxBatch || records.Any(r => r is null || r.Table != records[0].Table || r.PartitionKey != records[0].PartitionKey))
        {
            throw new ArgumentException($"A batch holds 1-{MaxBatch} records of one table and one partition.", nameof(records));
        }

        // Every entity is converted before anything is sent, so a bad property fails the batch with nothing written.
        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, AzureRecordMapping.ToEntity(r))).ToArray();
        try
        {
            await _service.GetTableClient(records[0].Table).SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw MissingTable(records[0].Table, e);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        if (!IsValidKey(partitionKey) || !IsValidKey(rowKey))
        {
            return;
        }

        try
        {
            await _service.GetTableClient(table).DeleteEntityAsync(partitionKey, rowKey, ifMatch is null ? ETag.All : new ETag(ifMatch), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new RecordConflictException($"The record at {table}({partitionKey}, {rowKey}) changed since it was read.", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Absent record or table: deleting is idempotent.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StateRecord> QueryAsync(string table, string? partitionKey = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        if (partitionKey is not null && !IsValidKey(partitionKey))
        {
            yield break;
        }

        var filter = partitionKey is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var record in QueryFilteredAsync(table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StateRecord> QueryRangeAsync(string table, string partitionKey, string fromRowKey, string toRowKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StateNames.CheckTable(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(fromRowKey);
        ArgumentNullException.ThrowIfNull(toRowKey);
        if (!IsValidKey(partitionKey))
        {
            yield break;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {fromRowKey} and RowKey le {toRowKey}");
        await foreach (var record in QueryFilteredAsync(table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    private async IAsyncEnumerable<StateRecord> QueryFilteredAsync(string table, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _service.GetTableClient(table).QueryAsync<TableEntity>(filter, _pageSize, cancellationToken: cancellationToken).AsPages();
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<TableEntity> page;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // A missing table has no records, as in the embedded store.
                yield break;
            }

            foreach (var entity in page.Values)
            {
                yield return AzureRecordMapping.ToRecord(table, entity);
            }
        }
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            StateNames.CheckKey(key, nameof(key));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsMissingTable(RequestFailedException e) => e.ErrorCode == "TableNotFound";

    private static InvalidOperationException MissingTable(string table, RequestFailedException e) =>
        new($"Table '{table}' does not exist; create it first.", e);

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The Table service answered a write without an ETag.");
}
