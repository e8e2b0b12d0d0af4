using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.</summary>
/// <remarks>The remote failure is in <see cref="FailureDetails"/>; the remote exception object itself never crosses history.</remarks>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("Unknown", "Unknown failure."))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("Unknown", message))
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The name of the activity or orchestrator that failed.</summary>
    public string TaskName { get; }

    /// <summary>The id of the action that scheduled it.</summary>
    public int TaskId { get; }

    /// <summary>The failure: type, message, stack trace and inner failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
