namespace Swarm.Functions.CustomHandler;

/// <summary>
/// A durabletask protobuf message cannot be translated to or from the Swarm.Durable model: a required field is
/// missing, a value is out of range, or the message uses a feature this worker does not implement.
/// </summary>
/// <remarks>
/// <see cref="OrchestratorRequestHandler"/> never lets this escape: it turns it into a failed orchestration response
/// whose failure details carry <see cref="ErrorType"/> and the message.
/// </remarks>
public sealed class DurableProtocolException : Exception
{
    /// <summary>Creates the exception for an invalid message.</summary>
    public DurableProtocolException()
        : this(ProtocolErrorTypes.InvalidRequest, "The durable protocol message is invalid.")
    {
    }

    /// <summary>Creates the exception for an invalid message.</summary>
    public DurableProtocolException(string message)
        : this(ProtocolErrorTypes.InvalidRequest, message)
    {
    }

    /// <summary>Creates the exception for an invalid message, with the error that revealed it.</summary>
    public DurableProtocolException(string message, Exception innerException)
        : base(message, innerException) =>
        ErrorType = ProtocolErrorTypes.InvalidRequest;

    /// <summary>Creates the exception with an explicit error type (one of <see cref="ProtocolErrorTypes"/>).</summary>
    public DurableProtocolException(string errorType, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    /// <summary>Creates the exception with an explicit error type and the error that revealed the problem.</summary>
    public DurableProtocolException(string errorType, string message, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    /// <summary>The error type recorded in the failure details (one of <see cref="ProtocolErrorTypes"/>).</summary>
    public string ErrorType { get; }
}
