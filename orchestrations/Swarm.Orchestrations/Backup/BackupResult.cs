namespace Swarm.Orchestrations.Backup;

/// <summary>The outcome of a verified backup.</summary>
/// <param name="BackupId">The backup's id.</param>
/// <param name="Tables">Each exported table: blob, row count, SHA-256.</param>
/// <param name="TotalRows">Rows across all tables.</param>
/// <param name="DeletedBackups">The ids of the older backups retention deleted.</param>
public sealed record BackupResult(string BackupId, IReadOnlyList<BackupTableExport> Tables, long TotalRows, IReadOnlyList<string> DeletedBackups);
