using System.Text.Json;

namespace Swarm.Orchestrations.Backup;

/// <summary>The <c>manifest.json</c> of a backup: what it holds and when it was taken.</summary>
/// <remarks>A backup without a manifest never completed its export; restore refuses it and retention never judges it.</remarks>
/// <param name="FormatVersion">The layout of the table blobs (<see cref="CurrentFormat"/>).</param>
/// <param name="BackupId">The backup's id.</param>
/// <param name="CreatedAt">When the backup started (the orchestration's time), UTC.</param>
/// <param name="Tables">Every table it holds.</param>
public sealed record BackupManifest(int FormatVersion, string BackupId, DateTimeOffset CreatedAt, IReadOnlyList<BackupTableExport> Tables)
{
    /// <summary>Gzip-compressed JSON lines, one record a line, properties encoded with their types.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The manifest as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a manifest; <see cref="BackupIntegrityException"/> when it is not one.</summary>
    public static BackupManifest Parse(string backupId, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new BackupIntegrityException($"Backup '{backupId}' has an unreadable manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Tables is null || manifest.BackupId != backupId)
        {
            throw new BackupIntegrityException($"Backup '{backupId}' has a manifest that does not describe it.");
        }

        if (manifest.FormatVersion != CurrentFormat)
        {
            throw new BackupIntegrityException($"Backup '{backupId}' has format version {manifest.FormatVersion}; this version reads format {CurrentFormat}.");
        }

        return manifest;
    }
}
