using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Deletes backups older than a number of days, judged by the creation time in their manifests.</summary>
/// <remarks>
/// Age is measured from a time the caller passes (the orchestration's current time), never the clock, so a replayed
/// or late decision is the same. A folder without a readable manifest is never judged, hence never deleted here.
/// </remarks>
public sealed class BackupRetention
{
    private readonly BackupArchive _archive;

    /// <summary>Applies retention to the backups in <paramref name="store"/>.</summary>
    public BackupRetention(StateStore store)
    {
        _archive = new BackupArchive(store);
    }

    /// <summary>Deletes every backup created more than <paramref name="retentionDays"/> days before <paramref name="now"/>, except <paramref name="keep"/>.</summary>
    /// <returns>The ids of the deleted backups, in ordinal order.</returns>
    public async Task<string[]> ApplyAsync(DateTimeOffset now, int retentionDays, string? keep = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        var cutoff = now - TimeSpan.FromDays(retentionDays);
        var deleted = new List<string>();
        foreach (var id in await _archive.ListBackupIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(id, keep, StringComparison.Ordinal))
            {
                continue;
            }

            BackupManifest manifest;
            try
            {
                manifest = await _archive.ReadManifestAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (BackupIntegrityException)
            {
                // Unjudgeable: leave it for a person rather than guess its age.
                continue;
            }

            if (manifest.CreatedAt < cutoff)
            {
                await _archive.DeleteBackupAsync(id, cancellationToken).ConfigureAwait(false);
                deleted.Add(id);
            }
        }

        return [.. deleted];
    }
}
