namespace Swarm.Orchestrations.Backup;

/// <summary>Input of <see cref="ListTables"/>.</summary>
/// <param name="Excluded">Tables to leave out, besides the ones <see cref="BackupLayout.IsBackedUp"/> never includes.</param>
public sealed record ListTablesRequest(IReadOnlyList<string>? Excluded = null);
