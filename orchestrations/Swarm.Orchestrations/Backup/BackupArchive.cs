using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Reads and writes backups in a <see cref="StateStore"/>: table blobs, manifests, and their integrity checks.</summary>
/// <remarks>Every read of a table blob checks its SHA-256 and row count against the manifest before a record is used.</remarks>
public sealed class BackupArchive
{
    private const int MaxBatch = 100;
    private readonly StateStore _store;

    /// <summary>Works on the backups kept in <paramref name="store"/>.</summary>
    public BackupArchive(StateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The tables to back up: every table but the outcome table, scratch tables and <paramref name="excluded"/>.</summary>
    public async Task<string[]> ListTablesAsync(IReadOnlyCollection<string>? excluded = null, CancellationToken cancellationToken = default)
    {
        var tables = new List<string>();
        await foreach (var table in _store.Records.ListTablesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (BackupLayout.IsBackedUp(table) && (excluded is null || !excluded.Contains(table, StringComparer.OrdinalIgnoreCase)))
            {
                tables.Add(table);
            }
        }

        return [.. tables];
    }

    /// <summary>Streams <paramref name="table"/> into its blob of backup <paramref name="backupId"/> (replacing an earlier attempt).</summary>
    public async Task<BackupTableExport> ExportTableAsync(string backupId, string table, CancellationToken cancellationToken = default)
    {
        var blob = BackupLayout.TableBlob(backupId, table);
        var (content, rows, hash) = await BackupTableFile.WriteAsync(_store.Records.QueryAsync(table, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        await _store.Blobs.CreateContainerAsync(BackupLayout.Container, cancellationToken).ConfigureAwait(false);
        await _store.Blobs.PutAsync(BackupLayout.Container, blob, content, cancellationToken).ConfigureAwait(false);
        return new BackupTableExport(table, blob, rows, content.Length, hash);
    }

    /// <summary>Writes the manifest, which marks the backup complete.</summary>
    public async Task WriteManifestAsync(BackupManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await _store.Blobs.CreateContainerAsync(BackupLayout.Container, cancellationToken).ConfigureAwait(false);
        await _store.Blobs.PutAsync(BackupLayout.Container, BackupLayout.ManifestBlob(manifest.BackupId), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The manifest of <paramref name="backupId"/>; <see cref="BackupIntegrityException"/> when it is missing or unreadable.</summary>
    public async Task<BackupManifest> ReadManifestAsync(string backupId, CancellationToken cancellationToken = default)
    {
        var json = await _store.Blobs.GetAsync(BackupLayout.Container, BackupLayout.ManifestBlob(backupId), cancellationToken).ConfigureAwait(false)
            ?? throw new BackupIntegrityException($"Backup '{backupId}' has no manifest: it does not exist or never finished exporting.");
        return BackupManifest.Parse(backupId, json);
    }

    /// <summary>The ids of every backup with a manifest, in ordinal order.</summary>
    public async Task<string[]> ListBackupIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await foreach (var blob in _store.Blobs.ListAsync(BackupLayout.Container, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (BackupLayout.BackupIdOfManifest(blob) is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// The records of one table of a backup, streamed from its blob once the blob's SHA-256 matches <paramref name="entry"/>;
    /// the enumeration ends with a check that the row count matches too.
    /// </summary>
    /// <remarks>Only the compressed blob is held in memory; records are decoded one line at a time.</remarks>
    /// <exception cref="BackupIntegrityException">The blob is missing, its hash or row count differs, or a line is not a record.</exception>
    public async Task<IEnumerable<StateRecord>> OpenTableAsync(string backupId, BackupTableExport entry, string? asTable = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var content = await _store.Blobs.GetAsync(BackupLayout.Container, entry.Blob, cancellationToken).ConfigureAwait(false)
            ?? throw new BackupIntegrityException($"Backup '{backupId}' is corrupt: blob '{entry.Blob}' of table '{entry.Table}' is missing.");
        var hash = BackupTableFile.Hash(content);
        if (!string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupIntegrityException(
                $"Backup '{backupId}' is corrupt: blob '{entry.Blob}' of table '{entry.Table}' has SHA-256 {hash}, but the manifest says {entry.Sha256}.");
        }

        return Counted(backupId, entry, content, asTable ?? entry.Table);
    }

    private static IEnumerable<StateRecord> Counted(string backupId, BackupTableExport entry, byte[] content, string table)
    {
        var count = 0L;
        foreach (var record in BackupTableFile.Read(content, table, entry.Blob))
        {
            count++;
            yield return record;
        }

        if (count != entry.Rows)
        {
            throw new BackupIntegrityException(
                $"Backup '{backupId}' is corrupt: blob '{entry.Blob}' of table '{entry.Table}' holds {count} records, but the manifest says {entry.Rows}.");
        }
    }

    /// <summary>Checks every table blob of <paramref name="backupId"/> (hash, decoding, row count) against its manifest and returns the manifest.</summary>
    /// <exception cref="BackupIntegrityException">The backup is missing, incomplete or corrupt.</exception>
    public async Task<BackupManifest> CheckAsync(string backupId, CancellationToken cancellationToken = default)
    {
        var manifest = await ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        foreach (var entry in manifest.Tables)
        {
            foreach (var _ in await OpenTableAsync(backupId, entry, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return manifest;
    }

    /// <summary>
    /// Writes <paramref name="records"/> (ordered by partition, as a backup holds them) into <paramref name="table"/> in
    /// batches of one partition, creating the table if needed; records at the same keys are replaced. Returns the count.
    /// </summary>
    public async Task<long> WriteRecordsAsync(string table, IEnumerable<StateRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _store.Records.CreateTableAsync(table, cancellationToken).ConfigureAwait(false);
        var written = 0L;
        var batch = new List<StateRecord>(MaxBatch);
        foreach (var record in records)
        {
            if (batch.Count == MaxBatch || (batch.Count > 0 && !string.Equals(batch[0].PartitionKey, record.PartitionKey, StringComparison.Ordinal)))
            {
                await _store.Records.UpsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                batch.Clear();
            }

            batch.Add(record with { Table = table, ETag = null });
        }

        if (batch.Count > 0)
        {
            await _store.Records.UpsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
        }

        return written;
    }

    /// <summary>
    /// Verifies one table of a backup end to end: checks the blob, restores it into a fresh scratch table, reads that back
    /// and compares it record by record with the blob, then deletes the scratch table.
    /// </summary>
    /// <exception cref="BackupIntegrityException">Any check failed; the message says which and where.</exception>
    public async Task VerifyTableAsync(string backupId, BackupTableExport entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var records = await OpenTableAsync(backupId, entry, cancellationToken: cancellationToken).ConfigureAwait(false);

        // A fresh name per attempt: Azure keeps a deleted table's name unusable for a while.
        var scratch = BackupLayout.ScratchTablePrefix + Guid.NewGuid().ToString("N");
        try
        {
            await WriteRecordsAsync(scratch, records, cancellationToken).ConfigureAwait(false);

            // The blob decodes again for the comparison, so neither side is ever held whole in memory.
            using var expected = records.GetEnumerator();
            await foreach (var actual in _store.Records.QueryAsync(scratch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!expected.MoveNext())
                {
                    throw new BackupIntegrityException($"Backup '{backupId}' table '{entry.Table}' restored to more records than it holds ({actual.PartitionKey}, {actual.RowKey}).");
                }

                if (RecordDifference.Describe(expected.Current, actual) is { } difference)
                {
                    throw new BackupIntegrityException($"Backup '{backupId}' table '{entry.Table}' does not restore identically: {difference}.");
                }
            }

            if (expected.MoveNext())
            {
                throw new BackupIntegrityException(
                    $"Backup '{backupId}' table '{entry.Table}' lost records in a restore: ({expected.Current.PartitionKey}, {expected.Current.RowKey}) is missing.");
            }
        }
        finally
        {
            await _store.Records.DeleteTableAsync(scratch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every blob of backup <paramref name="backupId"/>, manifest first so a half-deleted backup is never restorable.</summary>
    public async Task DeleteBackupAsync(string backupId, CancellationToken cancellationToken = default)
    {
        await _store.Blobs.DeleteAsync(BackupLayout.Container, BackupLayout.ManifestBlob(backupId), cancellationToken).ConfigureAwait(false);
        var blobs = new List<string>();
        await foreach (var blob in _store.Blobs.ListAsync(BackupLayout.Container, BackupLayout.Folder(backupId), cancellationToken).ConfigureAwait(false))
        {
            blobs.Add(blob);
        }

        foreach (var blob in blobs)
        {
            await _store.Blobs.DeleteAsync(BackupLayout.Container, blob, cancellationToken).ConfigureAwait(false);
        }
    }
}
