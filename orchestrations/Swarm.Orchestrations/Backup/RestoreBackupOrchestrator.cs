using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Backup;

/// <summary>
/// Restores a backup, registered as <c>RestoreBackup</c>: checks every blob against the manifest first (a corrupt backup is
/// refused before anything is written), then restores table by table into the live tables.
/// </summary>
/// <remarks>The same work runs without the durable runtime through <see cref="BackupRestorer"/>.</remarks>
public sealed class RestoreBackupOrchestrator : TaskOrchestrator<RestoreRequest, RestoreResult>
{
    /// <summary>The name the orchestrator is registered under.</summary>
    public const string Name = "RestoreBackup";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    /// <inheritdoc />
    public override async Task<RestoreResult> RunAsync(TaskOrchestrationContext context, RestoreRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.BackupId))
        {
            throw new ArgumentException("A restore needs the id of the backup to restore, e.g. 'backup-20261122'.", nameof(input));
        }

        BackupLayout.CheckBackupId(input.BackupId);
        context.SetCustomStatus("Checking backup");
        var tables = await context.CallActivityAsync<string[]>(nameof(CheckBackup), input);

        var restored = new List<RestoredTable>();
        foreach (var table in tables)
        {
            context.SetCustomStatus($"Restoring {table}");
            restored.Add(await context.CallActivityAsync<RestoredTable>(nameof(RestoreBackupTable), new RestoreTableRequest(input.BackupId, table), Retry));
        }

        context.SetCustomStatus("Restored");
        return new RestoreResult(input.BackupId, restored);
    }
}
