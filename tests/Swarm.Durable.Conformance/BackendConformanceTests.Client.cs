using Swarm.Durable.History;

namespace Swarm.Durable.Conformance;

/// <summary>Client operations: scheduling, control, query and purge.</summary>
public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task Schedule_IdOfRunningInstance_ThrowsAlreadyExists()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", options: new StartOrchestrationOptions("dup-" + NewId()));

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", options: new StartOrchestrationOptions(id)));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_IdOfFinishedInstance_ReplacesItByDefault()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        await CompletionAsync(host.Client, id);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2, new StartOrchestrationOptions(id));

        Assert.Equal(2, Output<int>(await CompletionAsync(host.Client, id)));
        Assert.Equal(2, await CountHistoryAsync<TaskCompletedEvent>(id));
    }

    [Fact]
    public async Task Schedule_IdOfFinishedInstanceWhenReplacingDisabled_ThrowsAlreadyExists()
    {
        var host = await StartHostAsync();
        var strict = new DurableTaskClient(Backend, new DurableClientOptions { ReplaceFinishedInstances = false });
        var id = await strict.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        await CompletionAsync(host.Client, id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            strict.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(id)));
    }

    [Fact]
    public async Task Schedule_WithStartTime_StaysPendingThenRuns()
    {
        var host = await StartHostAsync();
        var startAt = DateTimeOffset.UtcNow.AddMilliseconds(400);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(StartAt: startAt));
        var pending = await host.Client.GetInstanceAsync(id);

        Assert.Equal(OrchestrationStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(startAt.UtcDateTime, pending.ScheduledStartAt);
        Assert.Equal(1, Output<int>(await CompletionAsync(host.Client, id)));
        var started = (await Backend.GetHistoryAsync(id)).OfType<OrchestratorStartedEvent>().First();
        Assert.True(started.Timestamp >= startAt.UtcDateTime);
    }

    [Fact]
    public async Task GetInstance_WithoutInputsAndOutputs_OmitsPayloads()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2);
        await CompletionAsync(host.Client, id);

        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: false);

        Assert.Equal(OrchestrationStatus.Completed, metadata!.RuntimeStatus);
        Assert.Null(metadata.SerializedInput);
        Assert.Null(metadata.SerializedOutput);
    }

    [Fact]
    public async Task GetInstance_Unknown_ReturnsNull()
    {
        var host = await StartHostAsync();

        Assert.Null(await host.Client.GetInstanceAsync("no-such-" + NewId()));
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNotFound()
    {
        var host = await StartHostAsync();

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.RaiseEventAsync("no-such-" + NewId(), "e"));
    }

    [Fact]
    public async Task Terminate_RunningInstance_IsTerminatedWithReason()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        await UntilAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "operator stop");
        var done = await CompletionAsync(host.Client, id);

        Assert.Equal(OrchestrationStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("operator stop", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_PendingInstance_IsTerminatedWithoutRunning()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(StartAt: DateTimeOffset.UtcNow.AddHours(1)));

        await host.Client.TerminateInstanceAsync(id, "never mind");
        var done = await CompletionAsync(host.Client, id);

        Assert.Equal(OrchestrationStatus.Terminated, done.RuntimeStatus);
        Assert.Empty(await Backend.GetHistoryAsync(id));
    }

    [Fact]
    public async Task SuspendResume_HoldsProgressWhileSuspended()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("SuspendableChain", 2);
        await UntilAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await UntilAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "step", "1");
        await host.Client.RaiseEventAsync(id, "step", "2");
        // Both events are stored in history (so the worker took them) yet nothing was scheduled.
        var whileSuspended = await UntilHistoryAsync(id, h => h.OfType<EventRaisedEvent>().Count() == 2);
        Assert.Equal(OrchestrationStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Empty(whileSuspended.OfType<TaskScheduledEvent>());

        await host.Client.ResumeInstanceAsync(id);

        Assert.Equal(2, Output<int>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task Query_ByStatusNameAndTime_PagesThroughEveryMatch()
    {
        var host = await StartHostAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var completed = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            completed.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions($"q-{i:D2}-{NewId()}")));
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        foreach (var id in completed)
        {
            await CompletionAsync(host.Client, id);
        }

        await UntilAsync(host.Client, waiting, m => m.RuntimeStatus == OrchestrationStatus.Running);

        var query = new OrchestrationQuery { Statuses = [OrchestrationStatus.Completed], Name = "chain", CreatedFrom = before, PageSize = 3 };
        var firstPage = await host.Client.QueryInstancesAsync(query);
        Assert.Equal(3, firstPage.Instances.Count);
        Assert.NotNull(firstPage.ContinuationToken);

        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        Assert.Equal(completed.Order(StringComparer.Ordinal), all.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationStatus.Running] });
        Assert.Equal(waiting, Assert.Single(running.Instances).InstanceId);
        var future = await host.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = DateTime.UtcNow.AddHours(1) });
        Assert.Empty(future.Instances);
        var prefixed = await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-0" });
        Assert.Equal(7, prefixed.Instances.Count);
    }

    [Fact]
    public async Task Purge_OneAndByFilter_DeletesOnlyFinishedInstances()
    {
        var host = await StartHostAsync();
        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var failed = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallThrow", "x");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        await CompletionAsync(host.Client, first);
        await CompletionAsync(host.Client, second);
        await CompletionAsync(host.Client, failed);
        await UntilAsync(host.Client, running, m => m.RuntimeStatus == OrchestrationStatus.Running);

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(first)).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(first));
        Assert.Empty(await Backend.GetHistoryAsync(first));

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationStatus.Completed]));
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(failed));
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter())).PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }
}
