using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Backup;

/// <summary>Registers the backup and restore workflows with a <see cref="DurableTaskRegistry"/>.</summary>
public static class BackupRegistration
{
    /// <summary>
    /// Adds the <c>Backup</c> and <c>RestoreBackup</c> orchestrators and their activities. The activities take a
    /// <see cref="State.StateStore"/> from the worker's service provider.
    /// </summary>
    public static DurableTaskRegistry AddBackupWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator(BackupOrchestrator.Name, typeof(BackupOrchestrator))
            .AddOrchestrator(RestoreBackupOrchestrator.Name, typeof(RestoreBackupOrchestrator))
            .AddActivity<ListTables>()
            .AddActivity<ExportTable>()
            .AddActivity<WriteBackupManifest>()
            .AddActivity<VerifyBackup>()
            .AddActivity<ApplyBackupRetention>()
            .AddActivity<RecordBackupOutcome>()
            .AddActivity<CheckBackup>()
            .AddActivity<RestoreBackupTable>();
    }
}
