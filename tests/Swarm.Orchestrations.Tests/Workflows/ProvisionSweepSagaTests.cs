using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sagas;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class ProvisionSweepSagaTests
{
    public static TheoryData<string, string, string[], string[]> FailurePoints => new()
    {
        // activity that fails, saga step that fails, steps that ran, steps compensated (last first)
        { nameof(ReserveQuota), ProvisionSweep.ReserveQuotaStep, [], [ProvisionSweep.ReserveQuotaStep] },
        { nameof(CreateResultsContainer), ProvisionSweep.CreateResultsContainerStep, [ProvisionSweep.ReserveQuotaStep], [ProvisionSweep.CreateResultsContainerStep, ProvisionSweep.ReserveQuotaStep] },
        { nameof(RegisterSweep), ProvisionSweep.RegisterSweepStep, [ProvisionSweep.ReserveQuotaStep, ProvisionSweep.CreateResultsContainerStep], [ProvisionSweep.RegisterSweepStep, ProvisionSweep.CreateResultsContainerStep, ProvisionSweep.ReserveQuotaStep] },
        { nameof(RunSweepRuns), ProvisionSweep.RunSweepStep, [ProvisionSweep.ReserveQuotaStep, ProvisionSweep.CreateResultsContainerStep, ProvisionSweep.RegisterSweepStep], [ProvisionSweep.RegisterSweepStep, ProvisionSweep.CreateResultsContainerStep, ProvisionSweep.ReserveQuotaStep] },
    };

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public async Task ProvisionSweep_StepFails_UndoesEveryEarlierStepAndLeavesNothingBehind(string failingActivity, string failedStep, string[] ran, string[] compensated)
    {
        await using var host = await WorkflowHost.StartAsync(
            include: name => name != failingActivity,
            replace: registry => registry.AddActivity(failingActivity, services => failingActivity == nameof(RunSweepRuns)
                ? new RunSweepRunsFailingHalfway(ActivatorUtilities.CreateInstance<RunSweepRuns>(services))
                : new FailingActivity(failingActivity)));

        var metadata = await host.RunAsync(nameof(ProvisionSweep), new SweepRequest("saga", SweepTestData.SmallGrid, BatchSize: 3), "saga");

        var outcome = metadata.ReadOutputAs<ProvisionOutcome>()!;
        Assert.Equal(SagaStatus.Compensated, outcome.Saga.Status);
        Assert.Equal(failedStep, outcome.Saga.FailedStep);
        Assert.Equal(ran, outcome.Saga.Ran);
        Assert.Equal(compensated, outcome.Saga.Compensated);
        Assert.Null(outcome.Sweep);

        // Quota restored, container gone, no result rows, the sweep marked compensated (if it was ever registered).
        Assert.Empty(await new ComputeQuota(host.Store, new ComputeQuotaOptions()).ReservationsAsync());
        Assert.False(await host.Store.Blobs.ContainerExistsAsync(StateLayout.ResultsContainer("saga")));
        await foreach (var row in host.Store.Records.QueryAsync(StateLayout.SweepResults, "saga"))
        {
            Assert.Fail($"result row {row.RowKey} left behind");
        }

        var record = await SweepRecord.ReadAsync(host.Store.Records, "saga");
        if (ran.Contains(ProvisionSweep.RegisterSweepStep))
        {
            Assert.Equal(SweepStatus.Compensated, record!.Status);
        }
        else
        {
            Assert.True(record is null || record.Status == SweepStatus.Compensated);
        }
    }

    [Fact]
    public async Task ProvisionSweep_QuotaTooSmall_FailsAtTheFirstStepWithTheReason()
    {
        await using var host = await WorkflowHost.StartAsync(quota: new ComputeQuotaOptions(RunLimit: 5));

        var outcome = (await host.RunAsync(nameof(ProvisionSweep), new SweepRequest("big", SweepTestData.SmallGrid), "big")).ReadOutputAs<ProvisionOutcome>()!;

        Assert.Equal(ProvisionSweep.ReserveQuotaStep, outcome.Saga.FailedStep);
        Assert.Contains("12 runs", outcome.Saga.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Saga.Ran);
    }

    [Fact]
    public async Task ProvisionSweep_CompensationFails_IsRecordedAndTheOtherUndosStillRun()
    {
        await using var host = await WorkflowHost.StartAsync(
            include: name => name is not (nameof(RunSweepRuns) or nameof(DeleteResultsContainer)),
            replace: registry => registry
                .AddActivity(nameof(RunSweepRuns), _ => new FailingActivity(nameof(RunSweepRuns)))
                .AddActivity(nameof(DeleteResultsContainer), _ => new FailingActivity(nameof(DeleteResultsContainer))));

        var outcome = (await host.RunAsync(nameof(ProvisionSweep), new SweepRequest("partial", SweepTestData.SmallGrid), "partial")).ReadOutputAs<ProvisionOutcome>()!;

        Assert.Equal(SagaStatus.PartiallyCompensated, outcome.Saga.Status);
        Assert.Equal(ProvisionSweep.CreateResultsContainerStep, Assert.Single(outcome.Saga.CompensationFailures).Step);
        Assert.Equal([ProvisionSweep.RegisterSweepStep, ProvisionSweep.ReserveQuotaStep], outcome.Saga.Compensated);
        Assert.Empty(await new ComputeQuota(host.Store, new ComputeQuotaOptions()).ReservationsAsync());
    }

    /// <summary>Stands in for a real activity and always fails, as a lost dependency would.</summary>
    private sealed class FailingActivity(string name) : ITaskActivity
    {
        public Type InputType => typeof(object);

        public Type OutputType => typeof(bool);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            throw new InvalidOperationException($"injected failure in {name}");
    }

    /// <summary>The real run activity for the first half of the sweep's runs, a failure after: the sweep fails halfway, with results written.</summary>
    private sealed class RunSweepRunsFailingHalfway(RunSweepRuns real) : ITaskActivity
    {
        public Type InputType => typeof(SweepRunsRequest);

        public Type OutputType => typeof(int);

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var runs = (SweepRunsRequest)input!;
            return runs.FirstRun < 6
                ? await ((ITaskActivity)real).RunAsync(context, runs)
                : throw new InvalidOperationException($"injected failure in runs from {runs.FirstRun}");
        }
    }
}
