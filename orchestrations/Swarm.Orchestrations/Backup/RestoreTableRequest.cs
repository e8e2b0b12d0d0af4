namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="RestoreBackupTable"/>.</summary>
/// <param name="BackupId">The backup.</param>
/// <param name="Table">The table to restore from it.</param>
public sealed record RestoreTableRequest(string BackupId, string Table);
