namespace Swarm.Orchestrations.Backup;

/// <summary>One table a restore wrote.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">The records written into it.</param>
public sealed record RestoredTable(string Table, long Rows);
