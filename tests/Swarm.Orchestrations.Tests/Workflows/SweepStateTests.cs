using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sagas;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class SweepStateTests
{
    [Fact]
    public void CompletedOrchestrationWithACompensatedSaga_IsCompensatedWithTheFailedStepAsReason()
    {
        var saga = new SagaOutcome(SagaStatus.Compensated, ["reserveQuota"], "createResultsContainer", "disk full", ["reserveQuota"], []);
        var top = new OrchestrationMetadata(nameof(ProvisionSweep), "s1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedOutput = JsonDataConverter.Default.Serialize(new ProvisionOutcome(saga, null)),
        };

        var state = SweepState.Of(top);

        Assert.Equal("Compensated", state.Status);
        Assert.Equal("step 'createResultsContainer' failed: disk full", state.Reason);
        Assert.False(state.Succeeded);
    }

    [Fact]
    public void FailedOrchestration_IsFailedWithItsMessage()
    {
        var top = new OrchestrationMetadata(nameof(ProvisionSweep), "s2")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("InvalidOperationException", "no quota", null, null, null),
        };

        Assert.Equal(new SweepState("Failed", "no quota"), SweepState.Of(top));
    }
}
