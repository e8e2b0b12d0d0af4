using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable;

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
            .AddOrchestrator(BackupOrchestrator.Name, static services => ActivatorUtilities.CreateInstance<BackupOrchestrator>(services))
            .AddOrchestrator(RestoreBackupOrchestrator.Name, static services => ActivatorUtilities.CreateInstance<RestoreBackupOrchestrator>(services))
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
