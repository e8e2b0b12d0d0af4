namespace Swarm.Orchestrations.State;

/// <summary>A conditional write lost: the record exists (insert) or changed since it was read (ETag mismatch).</summary>
public sealed class RecordConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RecordConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RecordConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
