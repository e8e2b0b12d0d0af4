namespace Swarm.Orchestrations.Backup;

/// <summary>What the <see cref="BackupOrchestrator"/> is asked to do.</summary>
/// <param name="RetentionDays">Backups whose manifest is older than this many days (at the orchestration's time) are deleted after this one verifies.</param>
/// <param name="BackupId">The backup's id and blob folder; the orchestration instance id when null (<c>backup-yyyyMMdd</c>).</param>
/// <param name="ExcludedTables">Tables not to back up, besides the backup outcome table and verification scratch tables.</param>
public sealed record BackupRequest(int RetentionDays = 30, string? BackupId = null, IReadOnlyList<string>? ExcludedTables = null);
