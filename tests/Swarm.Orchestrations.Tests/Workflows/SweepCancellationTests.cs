using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sweeps;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class SweepCancellationTests
{
    private const string LongSweep = """
        {
          "model": "schelling",
          "parameters": { "width": 50, "height": 50, "agents": 2000, "radius": 2 },
          "design": { "type": "grid", "factors": { "minToBeHappy": [6, 8, 10] } },
          "replicates": 40,
          "seed": 1,
          "steps": 40
        }
        """;

    [Fact]
    public async Task CancelAsync_RunningSweep_TerminatesItReleasesTheQuotaAndMarksItCancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest("long", SweepTestData.Read(LongSweep), BatchSize: 2, MaxBatchesInFlight: 1, RunsPerActivity: 1), new StartOrchestrationOptions("long"));
        var quota = new ComputeQuota(host.Store, new ComputeQuotaOptions());
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync("long:sweep")) is { IsRunning: true } && (await quota.ReservationsAsync()).Count == 1);

        var cancelled = await new SweepCancellation(host.Client, host.Store, quota, TimeProvider.System).CancelAsync("long", "operator asked");

        Assert.True(cancelled);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync("long"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync("long:sweep"))!.RuntimeStatus);
        Assert.Empty(await quota.ReservationsAsync());
        var record = (await SweepRecord.ReadAsync(host.Store.Records, "long"))!;
        Assert.Equal(SweepStatus.Cancelled, record.Status);
        Assert.Equal("operator asked", record.Error);
    }

    [Fact]
    public async Task CancelAsync_RecordWrittenWhileTheSweepStops_MarksItCancelled()
    {
        // The quota step holds until the test ends, so the sweep exists only as a running instance: no record yet.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await WorkflowHost.StartAsync(
            replace: registry => registry.AddActivityFunc<QuotaRequest, bool>(nameof(ReserveQuota), async (_, _) =>
            {
                await hold.Task;
                return true;
            }),
            include: name => name != nameof(ReserveQuota));
        using var release = new Releaser(hold);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest("late", SweepTestData.Read(LongSweep)), new StartOrchestrationOptions("late"));
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync("late")) is { RuntimeStatus: OrchestrationRuntimeStatus.Running });
        var now = DateTimeOffset.UtcNow;
        // An activity that was already running when the orchestration was terminated registers the sweep just then.
        await using var client = new RegisteringWhileTerminating(host.Client, () => new SweepRecord("late", "schelling", 120, 3, SweepStatus.Registered, now, now, null).WriteAsync(host.Store.Records));
        var quota = new ComputeQuota(host.Store, new ComputeQuotaOptions());

        var cancelled = await new SweepCancellation(client, host.Store, quota, TimeProvider.System).CancelAsync("late", "operator asked");

        Assert.True(cancelled);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync("late"))!.RuntimeStatus);
        var record = (await SweepRecord.ReadAsync(host.Store.Records, "late"))!;
        Assert.Equal(SweepStatus.Cancelled, record.Status);
        Assert.Equal("operator asked", record.Error);
    }

    [Fact]
    public async Task CancelAsync_UnknownSweep_ReturnsFalse()
    {
        await using var host = await WorkflowHost.StartAsync();

        var cancelled = await new SweepCancellation(host.Client, host.Store, new ComputeQuota(host.Store, new ComputeQuotaOptions()), TimeProvider.System).CancelAsync("nothing", "why");

        Assert.False(cancelled);
    }

    /// <summary>A client whose terminate also runs <paramref name="onTerminate"/> first, as an activity finishing at that moment would.</summary>
    private sealed class RegisteringWhileTerminating(DurableTaskClient inner, Func<Task> onTerminate) : DelegatingDurableTaskClient(inner)
    {
        public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
        {
            await onTerminate();
            await base.TerminateInstanceAsync(instanceId, options, cancellation);
        }
    }

    /// <summary>Lets a held activity finish when the test ends, so the host's graceful stop does not wait on it.</summary>
    private sealed class Releaser(TaskCompletionSource hold) : IDisposable
    {
        public void Dispose() => hold.TrySetResult();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep never reached the running state");
            await Task.Delay(20);
        }
    }
}
