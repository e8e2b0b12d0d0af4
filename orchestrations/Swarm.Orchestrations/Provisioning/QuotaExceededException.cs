namespace Swarm.Orchestrations.Provisioning;

/// <summary>A reservation would take the compute quota past its limit.</summary>
public sealed class QuotaExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QuotaExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QuotaExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public QuotaExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
