namespace Swarm.Orchestrations.Backup;

/// <summary>What a restore wrote.</summary>
/// <param name="BackupId">The backup restored.</param>
/// <param name="Tables">Each table restored and its record count.</param>
public sealed record RestoreResult(string BackupId, IReadOnlyList<RestoredTable> Tables);
