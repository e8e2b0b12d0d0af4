using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: deletes backups older than the retention period; returns their ids.</summary>
public sealed class ApplyBackupRetention(StateStore store) : TaskActivity<BackupRetentionRequest, string[]>
{
    /// <inheritdoc />
    public override Task<string[]> RunAsync(TaskActivityContext context, BackupRetentionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = new DateTimeOffset(DateTime.SpecifyKind(input.Now, DateTimeKind.Utc));
        return new BackupRetention(store).ApplyAsync(now, input.RetentionDays, input.KeepBackupId, CancellationToken.None);
    }
}
