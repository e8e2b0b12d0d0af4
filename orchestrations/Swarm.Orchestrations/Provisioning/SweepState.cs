using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
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
    /// <summary>The state of the sweep whose provisioning instance is <paramref name="top"/> (fetched with its inputs and outputs).</summary>
    public static SweepState Of(OrchestrationMetadata top)
    {
        ArgumentNullException.ThrowIfNull(top);
        switch (top.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                // Read with the SDK's default converter, as the client wrote it; fetch the instance with its outputs.
                var outcome = top.SerializedOutput is null ? null : JsonDataConverter.Default.Deserialize<ProvisionOutcome>(top.SerializedOutput);
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
