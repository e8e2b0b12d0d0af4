using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: the names of the tables a backup exports.</summary>
public sealed class ListTables(StateStore store) : TaskActivity<ListTablesRequest?, string[]>
{
    /// <inheritdoc />
    public override Task<string[]> RunAsync(TaskActivityContext context, ListTablesRequest? input) =>
        new BackupArchive(store).ListTablesAsync(input?.Excluded, CancellationToken.None);
}
