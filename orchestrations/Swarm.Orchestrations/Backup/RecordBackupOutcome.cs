using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: writes (or rewrites) the backup's row in the <see cref="BackupLayout.OutcomeTable"/> table.</summary>
public sealed class RecordBackupOutcome(StateStore store) : TaskActivity<BackupOutcome, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, BackupOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Status"] = input.Status.ToString(),
            ["Tables"] = (long)input.Tables,
            ["Rows"] = input.Rows,
            ["DeletedBackups"] = (long)input.DeletedBackups,
            ["StartedAt"] = new DateTimeOffset(DateTime.SpecifyKind(input.StartedAt, DateTimeKind.Utc)),
            ["FinishedAt"] = new DateTimeOffset(DateTime.SpecifyKind(input.FinishedAt, DateTimeKind.Utc)),
        };
        if (input.Error is not null)
        {
            properties["Error"] = input.Error;
        }

        await store.Records.CreateTableAsync(BackupLayout.OutcomeTable, CancellationToken.None).ConfigureAwait(false);
        await store.Records.UpsertAsync(new StateRecord(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, input.BackupId, properties), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
