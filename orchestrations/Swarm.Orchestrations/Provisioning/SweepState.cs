using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Sagas;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>
/// What became of a sweep, told the same way by the API, the CLI and the dashboard: its provisioning
/// orchestration's runtime status, except that one which completed with a compensated saga is
/// <c>Compensated</c> (or <c>PartiallyCompensated</c>), never <c>Completed</c>.
/// </summary>
/// <param name="Status">Pending, Running, Suspended, Completed, Compensated, PartiallyCompensated, Failed or Terminated.</param>
/// <param name="Reason">Why it did not complete (the failed step and its error, or the failure), else null.</param>
public sealed record SweepState(string Status, string? Reason)
{
    /// <summary>The state of the sweep whose provisioning instance is <paramref name="top"/>.</summary>
    public static SweepState Of(OrchestrationMetadata top)
    {
        ArgumentNullException.ThrowIfNull(top);
        switch (top.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                var outcome = top.SerializedOutput is null ? null : top.ReadOutputAs<ProvisionOutcome>();
                return outcome?.Saga is { Status: not SagaStatus.Completed } saga
                    ? new SweepState(saga.Status.ToString(), $"step '{saga.FailedStep}' failed: {saga.Error}")
                    : new SweepState(nameof(OrchestrationRuntimeStatus.Completed), null);
            case OrchestrationRuntimeStatus.Failed:
                return new SweepState(nameof(OrchestrationRuntimeStatus.Failed), top.FailureDetails?.ErrorMessage ?? "the orchestration failed");
            case OrchestrationRuntimeStatus.Terminated:
                return new SweepState(nameof(OrchestrationRuntimeStatus.Terminated), top.SerializedOutput?.Trim('"') ?? "terminated");
            default:
                return new SweepState(top.RuntimeStatus.ToString(), null);
        }
    }

    /// <summary>The sweep finished with its summary written.</summary>
    public bool Succeeded => Status == nameof(OrchestrationRuntimeStatus.Completed);
}
