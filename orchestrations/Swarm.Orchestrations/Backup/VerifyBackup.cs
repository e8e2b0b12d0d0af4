using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>
/// Activity: re-reads every blob of a backup, checks hash and row count against the manifest, restores each into a
/// scratch table and compares it record by record; fails with <see cref="BackupIntegrityException"/> naming what differs.
/// </summary>
public sealed class VerifyBackup(StateStore store) : TaskActivity<string, BackupVerification>
{
    /// <inheritdoc />
    public override async Task<BackupVerification> RunAsync(TaskActivityContext context, string input)
    {
        var archive = new BackupArchive(store);
        var manifest = await archive.ReadManifestAsync(input, CancellationToken.None).ConfigureAwait(false);
        foreach (var entry in manifest.Tables)
        {
            await archive.VerifyTableAsync(input, entry, CancellationToken.None).ConfigureAwait(false);
        }

        return new BackupVerification(input, manifest.Tables.Count, manifest.Tables.Sum(e => e.Rows));
    }
}
