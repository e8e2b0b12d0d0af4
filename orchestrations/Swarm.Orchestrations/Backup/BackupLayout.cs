namespace Swarm.Orchestrations.Backup;

/// <summary>Where backups live: the <c>backups</c> container, one folder per backup, and the <c>Backups</c> outcome table.</summary>
/// <remarks>
/// Layout: <c>backups/&lt;backupId&gt;/&lt;table&gt;.jsonl.gz</c> per table and <c>backups/&lt;backupId&gt;/manifest.json</c>, written last.
/// The outcome table and verification scratch tables are never backed up: restoring them would rewind the backup history itself.
/// </remarks>
public static class BackupLayout
{
    /// <summary>The blob container that holds every backup.</summary>
    public const string Container = "backups";

    /// <summary>The table that records the outcome of every backup.</summary>
    public const string OutcomeTable = "Backups";

    /// <summary>The partition of <see cref="OutcomeTable"/> that backup outcomes go to.</summary>
    public const string OutcomePartition = "backup";

    /// <summary>The name prefix of the scratch tables verification restores into.</summary>
    public const string ScratchTablePrefix = "BackupScratch";

    private const string ManifestName = "manifest.json";
    private const string TableSuffix = ".jsonl.gz";

    /// <summary>The blob of <paramref name="table"/> in backup <paramref name="backupId"/>.</summary>
    public static string TableBlob(string backupId, string table) => Folder(backupId) + table + TableSuffix;

    /// <summary>The manifest blob of backup <paramref name="backupId"/>.</summary>
    public static string ManifestBlob(string backupId) => Folder(backupId) + ManifestName;

    /// <summary>The folder prefix (ending in '/') of backup <paramref name="backupId"/>.</summary>
    public static string Folder(string backupId)
    {
        CheckBackupId(backupId);
        return backupId + "/";
    }

    /// <summary>The backup id of a manifest blob name, or null when <paramref name="blob"/> is not one.</summary>
    public static string? BackupIdOfManifest(string blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var slash = blob.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && blob[(slash + 1)..] == ManifestName ? blob[..slash] : null;
    }

    /// <summary>Whether <paramref name="table"/> belongs in a backup.</summary>
    public static bool IsBackedUp(string table) =>
        !string.Equals(table, OutcomeTable, StringComparison.OrdinalIgnoreCase)
        && !table.StartsWith(ScratchTablePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="backupId"/> is 1-200 letters, digits, '-' or '_'.</summary>
    public static void CheckBackupId(string backupId)
    {
        ArgumentNullException.ThrowIfNull(backupId);
        if (backupId.Length is 0 or > 200 || !backupId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{backupId}' is not a valid backup id: 1-200 letters, digits, '-' or '_'.", nameof(backupId));
        }
    }
}
