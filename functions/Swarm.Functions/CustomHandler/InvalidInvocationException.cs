namespace Swarm.Functions.CustomHandler;

/// <summary>An invocation the Functions host sent that this app cannot read (not JSON, no <c>Data</c>, a trigger value of the wrong shape); answered with 400.</summary>
public sealed class InvalidInvocationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidInvocationException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public InvalidInvocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parse error behind it.</summary>
    public InvalidInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
