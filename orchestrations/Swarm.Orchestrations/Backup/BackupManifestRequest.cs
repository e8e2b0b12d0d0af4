namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="WriteBackupManifest"/>.</summary>
/// <param name="BackupId">The backup being taken.</param>
/// <param name="CreatedAt">When it started (the orchestration's time, UTC).</param>
/// <param name="Tables">The exported tables.</param>
public sealed record BackupManifestRequest(string BackupId, DateTime CreatedAt, IReadOnlyList<BackupTableExport> Tables);
