namespace Swarm.Orchestrations.Backup;

/// <summary>A backup is missing, incomplete or corrupt (a hash, count or record does not match its manifest).</summary>
public sealed class BackupIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackupIntegrityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BackupIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public BackupIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
