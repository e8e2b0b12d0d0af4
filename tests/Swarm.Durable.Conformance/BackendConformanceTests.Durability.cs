using Swarm.Durable.Backend;
using Swarm.Durable.History;

namespace Swarm.Durable.Conformance;

/// <summary>Crashes, restarts, lock expiry and competing workers.</summary>
public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task Crash_EpisodeLockedByDeadWorker_NewWorkerResumesAfterLockExpiryWithSameResult()
    {
        var first = await StartHostAsync();
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Approval", "go");
        await UntilHistoryAsync(id, h => h.OfType<TaskCompletedEvent>().Any());
        await first.StopAsync();
        await first.Client.RaiseEventAsync(id, "go", "result");

        // A worker takes the episode and dies without completing or abandoning it.
        var dead = await Backend.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(id, dead!.InstanceId);
        var second = await StartHostAsync(await SecondBackendAsync(), TestOptions(TimeSpan.FromSeconds(1)));

        Assert.Equal("result", Output<string>(await CompletionAsync(second.Client, id)));
        Assert.Equal(1, await CountHistoryAsync<TaskScheduledEvent>(id));
        Assert.Equal(1, await CountHistoryAsync<EventRaisedEvent>(id));
    }

    [Fact]
    public async Task Crash_ActivityLockedByDeadWorker_RunsOnceElsewhereAndOrchestrationCompletes()
    {
        var orchestrationsOnly = await StartHostAsync(options: TestOptions() with { ProcessActivities = false });
        var key = NewId();
        var id = await orchestrationsOnly.Client.ScheduleNewOrchestrationInstanceAsync("RecordedFanOut", new ConformanceRegistry.RecordedFanOut(key, 3));
        await UntilHistoryAsync(id, h => h.OfType<TaskScheduledEvent>().Count() == 3);

        var dead = await Backend.LockNextActivityWorkItemAsync(TimeSpan.FromMilliseconds(500));
        Assert.NotNull(dead);
        await StartHostAsync(await SecondBackendAsync(), TestOptions() with { ProcessOrchestrations = false });

        Assert.Equal(3, Output<int>(await CompletionAsync(orchestrationsOnly.Client, id)));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, Ledger.Count($"{key}/{i}")));
        Assert.Equal(3, await CountHistoryAsync<TaskCompletedEvent>(id));
    }

    [Fact]
    public async Task Restart_TimerPending_FiresOnNewWorker()
    {
        var first = await StartHostAsync();
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", 1000);
        var history = await UntilHistoryAsync(id, h => h.OfType<TimerCreatedEvent>().Any());
        await first.DisposeAsync();

        var second = await StartHostAsync(await SecondBackendAsync());
        var done = await CompletionAsync(second.Client, id);

        Assert.True(Output<DateTime>(done) >= history.OfType<TimerCreatedEvent>().Single().FireAt);
        Assert.Equal(1, await CountHistoryAsync<TimerFiredEvent>(id));
    }

    [Fact]
    public async Task Restart_MidOrchestration_ReplaysHistoryAndGivesTheSameResult()
    {
        var first = await StartHostAsync();
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("SuspendableChain", 3);
        await first.Client.RaiseEventAsync(id, "step", "1");
        await UntilHistoryAsync(id, h => h.OfType<TaskCompletedEvent>().Count() == 1);
        await first.DisposeAsync();

        var second = await StartHostAsync(await SecondBackendAsync());
        await second.Client.RaiseEventAsync(id, "step", "2");
        await second.Client.RaiseEventAsync(id, "step", "3");

        Assert.Equal(3, Output<int>(await CompletionAsync(second.Client, id)));
        Assert.Equal(3, await CountHistoryAsync<TaskScheduledEvent>(id));
    }

    [Fact]
    public async Task ConcurrentWorkers_SameQueues_NoWorkItemCompletedTwice()
    {
        var left = await StartHostAsync();
        var right = await StartHostAsync(await SecondBackendAsync());
        var runs = new List<(string Id, string Key)>();
        for (var i = 0; i < 12; i++)
        {
            var key = NewId();
            var client = i % 2 == 0 ? left.Client : right.Client;
            runs.Add((await client.ScheduleNewOrchestrationInstanceAsync("RecordedFanOut", new ConformanceRegistry.RecordedFanOut(key, 25)), key));
        }

        foreach (var (id, key) in runs)
        {
            Assert.Equal(25, Output<int>(await CompletionAsync(left.Client, id)));
            Assert.Equal(25, await CountHistoryAsync<TaskCompletedEvent>(id));
            Assert.Equal(1, await CountHistoryAsync<ExecutionCompletedEvent>(id));
            Assert.All(Enumerable.Range(0, 25), i => Assert.Equal(1, Ledger.Count($"{key}/{i}")));
        }
    }

    [Fact]
    public async Task LockNext_ManyCallersOnTwoConnections_EachInstanceLockedOnce()
    {
        var client = new DurableTaskClient(Backend);
        for (var i = 0; i < 20; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        }

        var backends = new[] { Backend, await SecondBackendAsync() };
        var locked = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            while (await backends[n % 2].LockNextOrchestrationWorkItemAsync(TimeSpan.FromMinutes(1)) is { } item)
            {
                locked.Add(item.InstanceId);
            }
        })));

        Assert.Equal(20, locked.Count);
        Assert.Equal(20, locked.Distinct().Count());
    }

    [Fact]
    public async Task LockMany_MoreRequestedThanAvailable_ReturnsEachAvailableItemOnce()
    {
        var host = await StartHostAsync(options: TestOptions() with { ProcessActivities = false });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 5);
        await UntilHistoryAsync(id, h => h.OfType<TaskScheduledEvent>().Count() == 5);
        await host.StopAsync();

        var first = await Backend.LockNextActivityWorkItemsAsync(3, TimeSpan.FromMinutes(1));
        var rest = await (await SecondBackendAsync()).LockNextActivityWorkItemsAsync(10, TimeSpan.FromMinutes(1));

        var all = first.Concat(rest).ToList();
        while (await Backend.LockNextActivityWorkItemsAsync(10, TimeSpan.FromMinutes(1)) is { Count: > 0 } more)
        {
            all.AddRange(more);
        }

        Assert.InRange(first.Count, 1, 3);
        Assert.Equal(5, all.Count);
        Assert.Equal(5, all.Select(a => a.TaskId).Distinct().Count());
        Assert.Empty(await Backend.LockNextOrchestrationWorkItemsAsync(4, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Lock_Expired_IsTakenAgainAndStaleCompletionIsRejected()
    {
        var client = new DurableTaskClient(Backend);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var other = await SecondBackendAsync();

        var stale = await Backend.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, stale!.DispatchCount);
        Assert.Null(await other.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMinutes(1)));

        OrchestrationWorkItem? retaken = null;
        using var patience = new CancellationTokenSource(Patience);
        while (retaken is null)
        {
            await Task.Delay(50, patience.Token);
            retaken = await other.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(id, retaken.InstanceId);
        Assert.Equal(2, retaken.DispatchCount);
        await Assert.ThrowsAsync<WorkItemLockLostException>(() =>
            Backend.CompleteOrchestrationWorkItemAsync(stale, new OrchestrationCompletion { Status = OrchestrationStatus.Running }));
        await Assert.ThrowsAsync<WorkItemLockLostException>(() => Backend.RenewOrchestrationWorkItemLockAsync(stale, TimeSpan.FromMinutes(1)));
        await other.RenewOrchestrationWorkItemLockAsync(retaken, TimeSpan.FromMinutes(1));
        await other.AbandonOrchestrationWorkItemAsync(retaken, "test");
        var again = await Backend.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("test", again!.LastError);
    }

    [Fact]
    public async Task StopAsync_GraceElapsesWithActivityRunning_ReleasesItAndAnotherWorkerRunsIt()
    {
        var orchestrations = await StartHostAsync(options: TestOptions() with { ProcessActivities = false });
        var activities = await StartHostAsync(await SecondBackendAsync(), TestOptions() with { ProcessOrchestrations = false });
        var key = NewId();
        var id = await orchestrations.Client.ScheduleNewOrchestrationInstanceAsync("CallSlow", key);
        using (var patience = new CancellationTokenSource(Patience))
        {
            while (Ledger.Count(key) == 0)
            {
                await Task.Delay(10, patience.Token);
            }
        }

        using (var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await activities.StopAsync(grace.Token);
        }

        await StartHostAsync(await SecondBackendAsync(), TestOptions() with { ProcessOrchestrations = false });

        Assert.Equal(2, Output<int>(await CompletionAsync(orchestrations.Client, id)));
        Assert.Equal(2, Ledger.Count(key));
    }

    [Fact]
    public async Task StopAsync_WithInFlightWork_StopsTakingWorkAndAnotherWorkerFinishes()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 50);
        await UntilHistoryAsync(id, h => h.OfType<TaskCompletedEvent>().Any());

        await host.StopAsync();
        var next = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo");

        Assert.Equal(OrchestrationStatus.Pending, (await host.Client.GetInstanceAsync(next))!.RuntimeStatus);
        var resumed = await StartHostAsync(await SecondBackendAsync());
        Assert.Equal(50, Output<int>(await CompletionAsync(resumed.Client, id)));
    }
}
