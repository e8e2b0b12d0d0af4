namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="ApplyBackupRetention"/>.</summary>
/// <param name="KeepBackupId">The backup just taken, never deleted.</param>
/// <param name="Now">The orchestration's current time (UTC) that ages are measured from.</param>
/// <param name="RetentionDays">Backups older than this many days are deleted.</param>
public sealed record BackupRetentionRequest(string KeepBackupId, DateTime Now, int RetentionDays);
