namespace Swarm.EdgeHft.Configuration;

/// <summary>The configuration or the command line is unusable; the message says why, for the operator.</summary>
public sealed class EdgeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EdgeConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EdgeConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public EdgeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
