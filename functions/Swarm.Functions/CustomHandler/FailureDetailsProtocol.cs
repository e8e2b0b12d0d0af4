using Swarm.Durable.History;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.CustomHandler;

/// <summary>Translation of <see cref="TaskFailureDetails"/> to and from the wire, inner failures included.</summary>
/// <remarks>
/// The wire's free-form <c>properties</c> map has no Swarm.Durable counterpart and is not kept when reading. The
/// Functions host looks for an <see cref="OutOfMemoryException"/> among the inner failures of a failed orchestration to
/// abort and retry the invocation instead of failing the instance, so inner failures must survive translation.
/// </remarks>
public static class FailureDetailsProtocol
{
    /// <summary>The wire form of <paramref name="failure"/>, or <see langword="null"/>.</summary>
    public static P.TaskFailureDetails? ToProto(TaskFailureDetails? failure)
    {
        if (failure is null)
        {
            return null;
        }

        return new P.TaskFailureDetails
        {
            ErrorType = failure.ErrorType,
            ErrorMessage = failure.ErrorMessage,
            StackTrace = failure.StackTrace,
            InnerFailure = ToProto(failure.InnerFailure),
            IsNonRetriable = failure.IsNonRetriable,
        };
    }

    /// <summary>The Swarm.Durable form of <paramref name="failure"/>, or <see langword="null"/>.</summary>
    /// <remarks>
    /// Nesting depth is bounded by the protobuf parser's recursion limit, so the recursion here is bounded too.
    /// </remarks>
    public static TaskFailureDetails? ToDurable(P.TaskFailureDetails? failure)
    {
        if (failure is null)
        {
            return null;
        }

        return new TaskFailureDetails(
            failure.ErrorType,
            failure.ErrorMessage,
            failure.StackTrace,
            ToDurable(failure.InnerFailure),
            failure.IsNonRetriable);
    }

    /// <summary>
    /// The failure of a TaskFailed or SubOrchestrationInstanceFailed event; a missing one (older histories recorded only a
    /// reason string) becomes a generic failure so the orchestrator still sees the task fail.
    /// </summary>
    public static TaskFailureDetails ToDurableRequired(P.TaskFailureDetails? failure, string field) =>
        ToDurable(failure) ?? new TaskFailureDetails("(unknown)", $"The task failed without failure details (the event's {field} field is absent).");
}
