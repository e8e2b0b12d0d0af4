namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="RecordBackupOutcome"/>: one row of the <see cref="BackupLayout.OutcomeTable"/> table.</summary>
/// <param name="BackupId">The backup.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Tables">Tables exported.</param>
/// <param name="Rows">Records exported.</param>
/// <param name="DeletedBackups">Older backups retention deleted.</param>
/// <param name="Error">What failed, when it failed.</param>
/// <param name="StartedAt">When it started (orchestration time, UTC).</param>
/// <param name="FinishedAt">When it ended (orchestration time, UTC).</param>
public sealed record BackupOutcome(string BackupId, BackupStatus Status, int Tables, long Rows, int DeletedBackups, string? Error, DateTime StartedAt, DateTime FinishedAt);
