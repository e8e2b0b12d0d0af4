namespace Swarm.Orchestrations.Backup;

/// <summary>How a backup ended.</summary>
public enum BackupStatus
{
    /// <summary>Exported, verified, and retention applied.</summary>
    Succeeded,

    /// <summary>A step failed; the outcome's error says which.</summary>
    Failed,
}
