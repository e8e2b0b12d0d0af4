namespace Swarm.Orchestrations.State;

/// <summary>Tables of <see cref="StateRecord"/>s: run and sweep records, result rows, metrics, quotas, audit entries.</summary>
/// <remarks>
/// Implementations: <see cref="SqliteRecordStore"/> (embedded) and the Azure Tables store. Orchestration
/// code never sees which; activities use this seam so the same workflow runs on one machine or in Azure.
/// Concurrency is optimistic: every write returns the record's new ETag, and conditional writes fail
/// with <see cref="RecordConflictException"/> when the record changed since it was read.
/// </remarks>
public interface IRecordStore
{
    /// <summary>Creates <paramref name="table"/> if it does not exist.</summary>
    Task CreateTableAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="table"/> and its records; no error if it does not exist.</summary>
    Task DeleteTableAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>The names of every table, in ordinal order.</summary>
    IAsyncEnumerable<string> ListTablesAsync(CancellationToken cancellationToken = default);

    /// <summary>The record at the key, or null.</summary>
    Task<StateRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new record; <see cref="RecordConflictException"/> if one exists at its key. Returns the ETag.</summary>
    Task<string> InsertAsync(StateRecord record, CancellationToken cancellationToken = default);

    /// <summary>Inserts or wholly replaces the record at its key, unconditionally. Returns the ETag.</summary>
    Task<string> UpsertAsync(StateRecord record, CancellationToken cancellationToken = default);

    /// <summary>Replaces the record if it is still at <see cref="StateRecord.ETag"/>; <see cref="RecordConflictException"/> otherwise. Returns the new ETag.</summary>
    Task<string> ReplaceAsync(StateRecord record, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces up to 100 records of one table and partition, all or none.</summary>
    Task UpsertBatchAsync(IReadOnlyList<StateRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record (only if still at <paramref name="ifMatch"/>, when given); no error if it is absent.</summary>
    Task DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Streams the records of <paramref name="table"/> (of one partition, when given) in (partition, row) key order.</summary>
    IAsyncEnumerable<StateRecord> QueryAsync(string table, string? partitionKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the records of one partition whose row keys lie between <paramref name="fromRowKey"/> and
    /// <paramref name="toRowKey"/> (both included, ordinal order), in row key order: one request where a point read
    /// per key would be one each.
    /// </summary>
    IAsyncEnumerable<StateRecord> QueryRangeAsync(string table, string partitionKey, string fromRowKey, string toRowKey, CancellationToken cancellationToken = default);
}
