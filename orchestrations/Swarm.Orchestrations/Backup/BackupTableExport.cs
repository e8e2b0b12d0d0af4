namespace Swarm.Orchestrations.Backup;

/// <summary>One table of a backup, as the manifest lists it.</summary>
/// <param name="Table">The table name.</param>
/// <param name="Blob">The blob holding its records, in the backup container.</param>
/// <param name="Rows">How many records it holds.</param>
/// <param name="Bytes">The blob's size.</param>
/// <param name="Sha256">The SHA-256 of the blob's bytes, lowercase hex.</param>
public sealed record BackupTableExport(string Table, string Blob, long Rows, long Bytes, string Sha256);
