using Microsoft.DurableTask;
using Swarm.Orchestrations.Sagas;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>
/// Provisions and runs a sweep as a saga: reserve compute quota, create the results container,
/// register the sweep, run it — and, when a step fails, undo the earlier ones last-first.
/// </summary>
/// <remarks>
/// The sweep itself runs as the <see cref="ParameterSweep"/> sub-orchestration
/// <c>&lt;sweepId&gt;:sweep</c>. The quota is held only while the sweep runs and is released when it
/// completes. The output (and the custom status) say which steps ran, failed and were compensated.
/// </remarks>
public sealed class ProvisionSweep(WorkflowOptions options) : TaskOrchestrator<SweepRequest, ProvisionOutcome>
{
    /// <summary>The saga's steps, in order.</summary>
    public const string ReserveQuotaStep = "reserveQuota";

    /// <inheritdoc cref="ReserveQuotaStep"/>
    public const string CreateResultsContainerStep = "createResultsContainer";

    /// <inheritdoc cref="ReserveQuotaStep"/>
    public const string RegisterSweepStep = "registerSweep";

    /// <inheritdoc cref="ReserveQuotaStep"/>
    public const string RunSweepStep = "runSweep";

    /// <inheritdoc />
    public override async Task<ProvisionOutcome> RunAsync(TaskOrchestrationContext context, SweepRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var spec = input.Spec;
        var retry = options.ActivityRetry;
        var saga = new Saga();
        try
        {
            await saga.RunAsync(
                ReserveQuotaStep,
                () => context.CallActivityAsync<bool>(nameof(ReserveQuota), new QuotaRequest(input.SweepId, spec.RunCount)),
                () => context.CallActivityAsync<bool>(nameof(ReleaseQuota), input.SweepId, retry));
            await saga.RunAsync(
                CreateResultsContainerStep,
                () => context.CallActivityAsync<string>(nameof(CreateResultsContainer), input.SweepId, retry),
                () => context.CallActivityAsync<bool>(nameof(DeleteResultsContainer), input.SweepId, retry));
            await saga.RunAsync(
                RegisterSweepStep,
                () => context.CallActivityAsync<bool>(nameof(RegisterSweep), new RegisterSweepRequest(input.SweepId, spec.Model, spec.RunCount, spec.Design.PointCount), retry),
                () => context.CallActivityAsync<bool>(nameof(SetSweepStatus), new SweepStatusUpdate(input.SweepId, SweepStatus.Compensated, $"step '{saga.FailedStep}' failed"), retry));
            var outcome = await saga.RunAsync(
                RunSweepStep,
                () => context.CallSubOrchestratorAsync<SweepOutcome>(nameof(ParameterSweep), input, new SubOrchestrationOptions(instanceId: $"{input.SweepId}:sweep")));

            await context.CallActivityAsync<bool>(nameof(SetSweepStatus), new SweepStatusUpdate(input.SweepId, SweepStatus.Completed), retry);
            await context.CallActivityAsync<bool>(nameof(ReleaseQuota), input.SweepId, retry);
            var completed = new ProvisionOutcome(saga.Completed(), outcome);
            context.SetCustomStatus(completed.Saga);
            return completed;
        }
        catch (TaskFailedException e)
        {
            var compensated = new ProvisionOutcome(await saga.CompensateAsync(e), null);
            context.SetCustomStatus(compensated.Saga);
            return compensated;
        }
    }
}
