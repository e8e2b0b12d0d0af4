using Swarm.Durable.History;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sweeps;

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
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest("long", LongSweep, BatchSize: 2, MaxBatchesInFlight: 1, RunsPerActivity: 1), new Swarm.Durable.StartOrchestrationOptions("long"));
        var quota = new ComputeQuota(host.Store, new ComputeQuotaOptions());
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync("long:sweep")) is { IsRunning: true } && (await quota.ReservationsAsync()).Count == 1);

        var cancelled = await new SweepCancellation(host.Client, host.Store, quota, TimeProvider.System).CancelAsync("long", "operator asked");

        Assert.True(cancelled);
        Assert.Equal(OrchestrationStatus.Terminated, (await host.Client.GetInstanceAsync("long"))!.RuntimeStatus);
        Assert.Equal(OrchestrationStatus.Terminated, (await host.Client.GetInstanceAsync("long:sweep"))!.RuntimeStatus);
        Assert.Empty(await quota.ReservationsAsync());
        var record = (await SweepRecord.ReadAsync(host.Store.Records, "long"))!;
        Assert.Equal(SweepStatus.Cancelled, record.Status);
        Assert.Equal("operator asked", record.Error);
    }

    [Fact]
    public async Task CancelAsync_RecordWrittenWhileTheSweepStops_MarksItCancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        // Scheduled for later, so the sweep exists only as an instance: no record has been written yet.
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), new SweepRequest("late", LongSweep), new Swarm.Durable.StartOrchestrationOptions("late", DateTimeOffset.UtcNow.AddHours(1)));
        var now = DateTimeOffset.UtcNow;
        // An activity that was already running when the orchestration was terminated registers the sweep just then.
        var client = new RegisteringWhileTerminating(host.Host.Backend, () => new SweepRecord("late", "schelling", 120, 3, SweepStatus.Registered, now, now, null).WriteAsync(host.Store.Records));
        var quota = new ComputeQuota(host.Store, new ComputeQuotaOptions());

        var cancelled = await new SweepCancellation(client, host.Store, quota, TimeProvider.System).CancelAsync("late", "operator asked");

        Assert.True(cancelled);
        Assert.Equal(OrchestrationStatus.Terminated, (await host.Client.GetInstanceAsync("late"))!.RuntimeStatus);
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
    private sealed class RegisteringWhileTerminating(Swarm.Durable.Backend.IDurableBackend backend, Func<Task> onTerminate) : Swarm.Durable.DurableTaskClient(backend)
    {
        public override async Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default)
        {
            await onTerminate();
            await base.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        }
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
