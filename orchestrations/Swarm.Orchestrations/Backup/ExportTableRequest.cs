namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="ExportTable"/>.</summary>
/// <param name="BackupId">The backup being taken.</param>
/// <param name="Table">The table to export.</param>
public sealed record ExportTableRequest(string BackupId, string Table);
