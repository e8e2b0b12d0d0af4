using Swarm.Durable;
using Swarm.Durable.Backend;

namespace Swarm.Functions.Tests.Intake;

/// <summary>
/// A real client on a real backend that fails on cue: before reaching the backend (the backend is down) or right after
/// an orchestration was scheduled (the handler dies mid-way), and counts how many instances it really scheduled.
/// </summary>
internal sealed class FlakyClient(IDurableBackend backend) : DurableTaskClient(backend)
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

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresBeforeCall) >= 0)
        {
            throw new HttpRequestException("backend unreachable");
        }

        return base.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var id = await base.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
        Interlocked.Increment(ref _scheduled);
        if (Interlocked.Decrement(ref _failuresAfterSchedule) >= 0)
        {
            throw new IOException("the handler died after starting the orchestration");
        }

        return id;
    }
}
