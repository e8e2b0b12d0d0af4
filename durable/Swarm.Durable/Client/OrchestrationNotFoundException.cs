namespace Swarm.Durable;

/// <summary>No instance has the requested id.</summary>
public sealed class OrchestrationNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationNotFoundException()
        : base("No orchestration instance has this id.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestrationNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OrchestrationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
