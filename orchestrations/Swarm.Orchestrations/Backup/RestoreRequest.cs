namespace Swarm.Orchestrations.Backup;

/// <summary>What the <see cref="RestoreBackupOrchestrator"/> restores.</summary>
/// <param name="BackupId">The backup, e.g. <c>backup-20261122</c>.</param>
/// <param name="Tables">Only these tables, or every table of the backup when null.</param>
public sealed record RestoreRequest(string BackupId, IReadOnlyList<string>? Tables = null);
