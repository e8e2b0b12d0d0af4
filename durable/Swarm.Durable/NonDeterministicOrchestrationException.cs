namespace Swarm.Durable;

/// <summary>
/// The orchestrator code asked for something other than what its history recorded, so replay cannot continue.
/// The instance is failed with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException()
        : base("Non-deterministic orchestration.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
