using Microsoft.DurableTask;
using Swarm.Orchestrations.Provisioning;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Orchestrations;

/// <summary>How the workflows call their activities.</summary>
/// <remarks>Read by orchestrators, so it must be the same on every replay: set it once per host.</remarks>
public sealed record WorkflowOptions
{
    /// <summary>
    /// Transient failures (storage hiccups, a lost worker) are retried with backoff; a caller's
    /// mistake (bad parameters, a corrupt checkpoint, no quota) fails at once, since retrying cannot fix it.
    /// </summary>
    public TaskOptions ActivityRetry { get; init; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30))
        {
            HandleFailure = IsTransient,
        });

    /// <summary>Whether a failure is worth retrying.</summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return !failure.IsCausedBy<ModelParameterException>()
            && !failure.IsCausedBy<CheckpointFormatException>()
            && !failure.IsCausedBy<QuotaExceededException>();
    }
}
