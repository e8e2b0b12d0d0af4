using Azure;

namespace Swarm.Storage.Tables;

/// <summary>
/// An entity group transaction was rejected; nothing of it was applied.
/// <see cref="FailedTransactionActionIndex"/> names the action the service refused, when it said.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>The zero-based index of the action that failed, or <see langword="null"/> when the service did not say.</summary>
    public int? FailedTransactionActionIndex { get; }
}
