using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Intake;

/// <summary>
/// A real client of a real task hub that fails on cue: before reaching the backend (the backend is down) or right after
/// an orchestration was scheduled (the handler dies mid-way), and counts how many instances it really scheduled.
/// </summary>
internal sealed class FlakyClient(DurableTaskClient inner) : DelegatingDurableTaskClient(inner)
{
    private int _failuresBeforeCall;
    private int _failuresAfterSchedule;
    private int _scheduled;

    public int Scheduled => _scheduled;

    public FlakyClient FailBeforeEveryCall(int times)
    {
        _failuresBeforeCall = times;
        return this;
    }

    public FlakyClient FailAfterSchedule(int times)
    {
        _failuresAfterSchedule = times;
        return this;
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        if (Interlocked.Decrement(ref _failuresBeforeCall) >= 0)
        {
            throw new HttpRequestException("backend unreachable");
        }

        return base.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = await base.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);
        Interlocked.Increment(ref _scheduled);
        if (Interlocked.Decrement(ref _failuresAfterSchedule) >= 0)
        {
            throw new IOException("the handler died after starting the orchestration");
        }

        return id;
    }
}
