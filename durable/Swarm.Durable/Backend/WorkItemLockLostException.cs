namespace Swarm.Durable.Backend;

/// <summary>The work item's lock expired and may belong to another worker now; its results were not stored.</summary>
public sealed class WorkItemLockLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkItemLockLostException()
        : base("The work item lock was lost.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkItemLockLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public WorkItemLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
