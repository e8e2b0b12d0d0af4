namespace Swarm.Orchestrations.Backup;

/// <summary>Output of <see cref="VerifyBackup"/>: every table of the backup checked and restored identically.</summary>
/// <param name="BackupId">The backup verified.</param>
/// <param name="Tables">How many tables it holds.</param>
/// <param name="Rows">How many records across them.</param>
public sealed record BackupVerification(string BackupId, int Tables, long Rows);
