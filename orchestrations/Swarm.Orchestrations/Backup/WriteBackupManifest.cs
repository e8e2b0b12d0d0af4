using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: writes <c>manifest.json</c> (tables, counts, hashes, creation time); returns its blob name.</summary>
public sealed class WriteBackupManifest(StateStore store) : TaskActivity<BackupManifestRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, BackupManifestRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var createdAt = new DateTimeOffset(DateTime.SpecifyKind(input.CreatedAt, DateTimeKind.Utc));
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, input.BackupId, createdAt, input.Tables);
        await new BackupArchive(store).WriteManifestAsync(manifest, CancellationToken.None).ConfigureAwait(false);
        return BackupLayout.ManifestBlob(input.BackupId);
    }
}
