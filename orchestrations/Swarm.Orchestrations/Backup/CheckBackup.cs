using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: checks every blob of a backup against its manifest before a restore; returns the tables to restore.</summary>
public sealed class CheckBackup(StateStore store) : TaskActivity<RestoreRequest, string[]>
{
    /// <inheritdoc />
    public override async Task<string[]> RunAsync(TaskActivityContext context, RestoreRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entries = await new BackupRestorer(store).CheckAsync(input.BackupId, input.Tables, CancellationToken.None).ConfigureAwait(false);
        return [.. entries.Select(e => e.Table)];
    }
}
