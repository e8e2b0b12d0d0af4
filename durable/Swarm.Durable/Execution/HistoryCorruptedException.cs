namespace Swarm.Durable.Execution;

/// <summary>The history of an instance is inconsistent or unreadable; the instance is failed with this error.</summary>
public sealed class HistoryCorruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryCorruptedException()
        : base("The orchestration history is corrupted.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HistoryCorruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public HistoryCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
