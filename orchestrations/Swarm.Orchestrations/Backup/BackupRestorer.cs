using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Restores a backup into the live tables: the <c>restore</c> command, also run by the <see cref="RestoreBackupOrchestrator"/>.</summary>
/// <remarks>
/// Every table blob is checked against the manifest (SHA-256 and row count) before anything is written, so a corrupt
/// backup is refused whole. Restoring creates missing tables and replaces the records at the backup's keys; records
/// written after the backup, at other keys, are kept. Restoring twice gives the same result.
/// </remarks>
public sealed class BackupRestorer
{
    private readonly BackupArchive _archive;

    /// <summary>Restores into (and from) <paramref name="store"/>.</summary>
    public BackupRestorer(StateStore store)
    {
        _archive = new BackupArchive(store);
    }

    /// <summary>Restores every table of <paramref name="backupId"/> (or only <paramref name="tables"/>).</summary>
    /// <exception cref="BackupIntegrityException">The backup is missing, incomplete or corrupt; nothing was written.</exception>
    /// <exception cref="ArgumentException">A table in <paramref name="tables"/> is not in the backup.</exception>
    public async Task<RestoreResult> RestoreAsync(string backupId, IReadOnlyCollection<string>? tables = null, CancellationToken cancellationToken = default)
    {
        var entries = await CheckAsync(backupId, tables, cancellationToken).ConfigureAwait(false);
        var restored = new List<RestoredTable>();
        foreach (var entry in entries)
        {
            restored.Add(await RestoreTableAsync(backupId, entry.Table, cancellationToken).ConfigureAwait(false));
        }

        return new RestoreResult(backupId, restored);
    }

    /// <summary>Checks the backup and returns the entries of the tables to restore, in manifest order.</summary>
    public async Task<IReadOnlyList<BackupTableExport>> CheckAsync(string backupId, IReadOnlyCollection<string>? tables = null, CancellationToken cancellationToken = default)
    {
        var manifest = await _archive.CheckAsync(backupId, cancellationToken).ConfigureAwait(false);
        if (tables is null)
        {
            return manifest.Tables;
        }

        var missing = tables.Where(t => !manifest.Tables.Any(e => string.Equals(e.Table, t, StringComparison.Ordinal))).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"Backup '{backupId}' holds no table {string.Join(", ", missing.Select(t => $"'{t}'"))}; it holds {string.Join(", ", manifest.Tables.Select(e => e.Table))}.", nameof(tables));
        }

        return manifest.Tables.Where(e => tables.Contains(e.Table, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Restores one table of <paramref name="backupId"/>, checking its blob first.</summary>
    public async Task<RestoredTable> RestoreTableAsync(string backupId, string table, CancellationToken cancellationToken = default)
    {
        var manifest = await _archive.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        var entry = manifest.Tables.FirstOrDefault(e => string.Equals(e.Table, table, StringComparison.Ordinal))
            ?? throw new ArgumentException($"Backup '{backupId}' holds no table '{table}'.", nameof(table));
        var records = await _archive.OpenTableAsync(backupId, entry, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rows = await _archive.WriteRecordsAsync(table, records, cancellationToken).ConfigureAwait(false);
        return new RestoredTable(table, rows);
    }
}
