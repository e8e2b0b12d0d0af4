using System.Text.Json.Serialization;

namespace Swarm.Durable.History;

/// <summary>
/// Why a task, sub-orchestration or orchestration failed; mirrors the protobuf <c>TaskFailureDetails</c>.
/// </summary>
/// <param name="ErrorType">The full name of the exception type (or a runtime error code).</param>
/// <param name="ErrorMessage">The error message.</param>
/// <param name="StackTrace">The stack trace, when known.</param>
/// <param name="InnerFailure">The failure that caused this one, when any.</param>
/// <param name="IsNonRetriable">True when retrying cannot help (retry policies give up at once).</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Builds failure details from an exception, inner exceptions included.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            // A failed durable task keeps the remote failure's own type, so the chain tells the real story.
            return new TaskFailureDetails(
                typeof(TaskFailedException).FullName!,
                failed.Message,
                failed.StackTrace,
                failed.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>True when this failure (not its inner ones) was caused by an exception of type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>()
        where T : Exception =>
        string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal);

    /// <summary>One line: type and message, then the inner failures.</summary>
    [JsonIgnore]
    public string Summary => InnerFailure is null ? $"{ErrorType}: {ErrorMessage}" : $"{ErrorType}: {ErrorMessage} ---> {InnerFailure.Summary}";
}
