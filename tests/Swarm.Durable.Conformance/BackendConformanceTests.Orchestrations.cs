using Swarm.Durable.History;

namespace Swarm.Durable.Conformance;

/// <summary>Programming-model features, end to end.</summary>
public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task ClassBasedOrchestrator_WithDiActivity_CompletesWithOutputStatusAndTimestamps()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetEveryone), new[] { "Ada", "Alan" });
        var done = await CompletionAsync(host.Client, id);

        Assert.Equal("Hello Ada, Hello Alan", Output<string>(done));
        Assert.Equal(nameof(GreetEveryone), done.Name);
        Assert.Equal("[\"Ada\",\"Alan\"]", done.SerializedInput);
        Assert.Equal("{\"Done\":2}", done.SerializedCustomStatus);
        Assert.True(done.CreatedAt <= done.LastUpdatedAt);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(1, Ledger.Count($"{id}/greet/Ada"));
    }

    [Fact]
    public async Task Chain_SequentialActivities_RecordsOneTaskCompletedPerTaskScheduled()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 25);

        Assert.Equal(25, Output<int>(await CompletionAsync(host.Client, id)));
        Assert.Equal(25, await CountHistoryAsync<TaskScheduledEvent>(id));
        Assert.Equal(25, await CountHistoryAsync<TaskCompletedEvent>(id));
        Assert.Equal(1, await CountHistoryAsync<ExecutionCompletedEvent>(id));
    }

    [Fact]
    public async Task FanOutFanIn_ManyActivities_SumsEveryResult()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 300);

        Assert.Equal(Enumerable.Range(0, 300).Sum(i => (long)i * i), Output<long>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task RetryPolicy_ActivityFailsTwice_SucceedsOnThirdAttempt()
    {
        var host = await StartHostAsync();
        var key = "flaky-" + NewId();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flaky", key);

        Assert.Equal(3, Output<int>(await CompletionAsync(host.Client, id)));
        Assert.Equal(3, Ledger.Count(key));
        Assert.Equal(2, await CountHistoryAsync<TimerCreatedEvent>(id));
    }

    [Fact]
    public async Task UnhandledActivityFailure_FailsInstanceWithTypeMessageStackAndInner()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallThrow", "went wrong");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.True(failure.IsCausedBy<TaskFailedException>());
        var activityFailure = failure.InnerFailure!;
        Assert.Equal(typeof(InvalidOperationException).FullName, activityFailure.ErrorType);
        Assert.Equal("went wrong", activityFailure.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(activityFailure.StackTrace));
        Assert.Equal(typeof(FormatException).FullName, activityFailure.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task Timer_Fires_CompletesAtOrAfterFireTime()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", 300);
        var done = await CompletionAsync(host.Client, id);

        var created = (await Backend.GetHistoryAsync(id)).OfType<TimerCreatedEvent>().Single();
        Assert.True(Output<DateTime>(done) >= created.FireAt);
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeWait_IsBufferedAndMatchedCaseInsensitively()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", "Approved");

        await host.Client.RaiseEventAsync(id, "APPROVED", "yes");

        Assert.Equal("yes", Output<string>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task ExternalEvent_NeverRaised_TimesOut()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWithTimeout", 200);

        Assert.Equal("timed out", Output<string>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task ExternalEvent_RaisedInTime_WinsOverTimeout()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWithTimeout", 60_000);
        await UntilAsync(host.Client, id, m => m.RuntimeStatus == OrchestrationStatus.Running);

        await host.Client.RaiseEventAsync(id, "approve", "ok");

        Assert.Equal("ok", Output<string>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task ContinueAsNew_WithPreservedEvents_EveryEventCountsOnceInOrderAndHistoryStaysBounded()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", new ConformanceRegistry.CounterState(0, 0, 5));

        for (var i = 1; i <= 5; i++)
        {
            await host.Client.RaiseEventAsync(id, "add", i);
        }

        var done = Output<ConformanceRegistry.CounterState>(await CompletionAsync(host.Client, id));
        Assert.Equal(new ConformanceRegistry.CounterState(15, 5, 5, "12345"), done);
        Assert.Equal(1, await CountHistoryAsync<ExecutionStartedEvent>(id));
    }

    [Fact]
    public async Task SubOrchestration_WithInstanceId_ReturnsResultAndChildIsQueryable()
    {
        var host = await StartHostAsync();
        var childId = "child-" + NewId();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", childId);

        Assert.Equal(3, Output<int>(await CompletionAsync(host.Client, id)));
        var child = await host.Client.GetInstanceAsync(childId, getInputsAndOutputs: true);
        Assert.Equal(3, Output<int>(child!));
        Assert.Equal(id, child!.ParentInstanceId);
    }

    [Fact]
    public async Task SubOrchestration_Fails_ParentSeesFailureDetails()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfFailure", "deep failure");

        Assert.Equal("deep failure", Output<string>(await CompletionAsync(host.Client, id)));
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_IsDelivered()
    {
        var host = await StartHostAsync();
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", "greeting");

        var sender = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver);

        Assert.Equal("Hello sender", Output<string>(await CompletionAsync(host.Client, sender)));
        Assert.Equal("from " + sender, Output<string>(await CompletionAsync(host.Client, receiver)));
    }
}
