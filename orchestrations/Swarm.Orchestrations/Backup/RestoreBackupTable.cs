using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: restores one table of a backup into the live table (checking its blob again first).</summary>
/// <remarks>Idempotent: records are upserted at their keys.</remarks>
public sealed class RestoreBackupTable(StateStore store) : TaskActivity<RestoreTableRequest, RestoredTable>
{
    /// <inheritdoc />
    public override Task<RestoredTable> RunAsync(TaskActivityContext context, RestoreTableRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BackupRestorer(store).RestoreTableAsync(input.BackupId, input.Table, CancellationToken.None);
    }
}
