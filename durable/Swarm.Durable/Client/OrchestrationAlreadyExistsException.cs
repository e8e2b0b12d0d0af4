namespace Swarm.Durable;

/// <summary>An instance with the requested id already exists (and may not be replaced).</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException()
        : base("An orchestration instance with this id already exists.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
