using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Tests.Execution;

public sealed class OrchestrationExecutorTests
{
    private static DurableTaskRegistry Chain(string first = "A", string second = "B") => new DurableTaskRegistry()
        .AddOrchestratorFunc<int, int>("Chain", async (context, input) =>
        {
            var a = await context.CallActivityAsync<int>(first, input);
            var b = await context.CallActivityAsync<int>(second, a);
            return a + b;
        });

    [Fact]
    public void Execute_SequentialActivities_SchedulesOneAtATimeAndCompletesWithResult()
    {
        var harness = new ExecutorHarness(Chain());

        var first = ExecutorHarness.Single<ScheduleTaskAction>(harness.Start("Chain", 1));
        Assert.Equal(("A", 0, "1"), (first.Name, first.Id, first.Input));
        var second = ExecutorHarness.Single<ScheduleTaskAction>(harness.Episode(harness.Completed(0, 10)));
        Assert.Equal(("B", 1, "10"), (second.Name, second.Id, second.Input));
        var done = harness.Episode(harness.Completed(1, 20));

        Assert.Equal(30, ExecutorHarness.Output<int>(done));
    }

    [Fact]
    public void Replay_ActivityRenamed_FailsAsNonDeterministicNamingExpectedAndActual()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);
        harness.Episode(harness.Completed(0, 10));
        harness.Executor = new ExecutorHarness(Chain(first: "Renamed")).Executor;

        var failure = ExecutorHarness.Failure(harness.Episode(harness.Completed(1, 20)));

        Assert.True(failure.IsCausedBy<NonDeterministicOrchestrationException>());
        Assert.Contains("TaskScheduled 'A' (id 0)", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'Renamed' (id 0)", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_ActivityRemoved_FailsAsNonDeterministic()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);
        harness.Executor = new ExecutorHarness(new DurableTaskRegistry().AddOrchestratorFunc<int, int>("Chain", async (context, input) =>
        {
            await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            return input;
        })).Executor;

        var failure = ExecutorHarness.Failure(harness.Episode(harness.Completed(0, 10)));

        Assert.Contains("TaskScheduled 'A' (id 0)", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CreateTimer", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ActivityFails_OrchestratorSeesFailureDetails()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Catch", async (context, _) =>
        {
            try
            {
                await context.CallActivityAsync("Boom");
                return "no";
            }
            catch (TaskFailedException ex)
            {
                return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.StackTrace}";
            }
        });
        var harness = new ExecutorHarness(registry);
        harness.Start("Catch");

        var output = ExecutorHarness.Output<string>(harness.Episode(harness.Failed(0, "bad")));

        Assert.Equal("Boom|System.InvalidOperationException|bad|at Somewhere()", output);
    }

    [Fact]
    public void Execute_UnhandledActivityFailure_FailsInstanceWithInnerFailure()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);

        var failure = ExecutorHarness.Failure(harness.Episode(harness.Failed(0, "bad")));

        Assert.True(failure.IsCausedBy<TaskFailedException>());
        Assert.Equal("bad", failure.InnerFailure!.ErrorMessage);
        Assert.Equal("System.InvalidOperationException", failure.InnerFailure.ErrorType);
    }

    [Fact]
    public void Execute_RetryPolicy_RetriesWithBackoffTimersThenGivesUp()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2);
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Retry", (context, _) =>
            context.CallActivityAsync<int>("Flaky", options: TaskOptions.FromRetryPolicy(policy)));
        var harness = new ExecutorHarness(registry);
        harness.Start("Retry");

        var firstTimer = ExecutorHarness.Single<CreateTimerAction>(harness.Episode(harness.Failed(0, "1")));
        Assert.Equal(harness.Now.AddSeconds(10), firstTimer.FireAt);
        Assert.Equal("Flaky", ExecutorHarness.Single<ScheduleTaskAction>(harness.EpisodeAt(firstTimer.FireAt, harness.Fired(firstTimer))).Name);
        var secondTimer = ExecutorHarness.Single<CreateTimerAction>(harness.Episode(harness.Failed(2, "2")));
        Assert.Equal(harness.Now.AddSeconds(20), secondTimer.FireAt);
        var third = ExecutorHarness.Single<ScheduleTaskAction>(harness.EpisodeAt(secondTimer.FireAt, harness.Fired(secondTimer)));

        var failure = ExecutorHarness.Failure(harness.Episode(harness.Failed(third.Id, "3")));
        Assert.Equal("3", failure.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public void Execute_RetrySucceedsOnSecondAttempt_ReturnsResult()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Retry", (context, _) =>
            context.CallActivityAsync<int>("Flaky", options: TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1)))));
        var harness = new ExecutorHarness(registry);
        harness.Start("Retry");
        var timer = ExecutorHarness.Single<CreateTimerAction>(harness.Episode(harness.Failed(0, "1")));
        var retry = ExecutorHarness.Single<ScheduleTaskAction>(harness.EpisodeAt(timer.FireAt, harness.Fired(timer)));

        Assert.Equal(7, ExecutorHarness.Output<int>(harness.Episode(harness.Completed(retry.Id, 7))));
    }

    [Fact]
    public void Execute_RetryTimeoutExceeded_DoesNotRetry()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMinutes(10), retryTimeout: TimeSpan.FromMinutes(1));
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Retry", (context, _) =>
            context.CallActivityAsync<int>("Flaky", options: TaskOptions.FromRetryPolicy(policy)));
        var harness = new ExecutorHarness(registry);
        harness.Start("Retry");

        ExecutorHarness.Failure(harness.Episode(harness.Failed(0, "1")));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    public void DelayBeforeRetry_Backoff_IsCappedByMaxInterval(int retry, int expectedSeconds)
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), 2, TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayBeforeRetry(retry));
    }

    [Fact]
    public void Execute_Timer_CompletesAfterTimerFired()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, DateTime>("Sleep", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return context.CurrentUtcDateTime;
        });
        var harness = new ExecutorHarness(registry);
        var timer = ExecutorHarness.Single<CreateTimerAction>(harness.Start("Sleep"));
        Assert.Equal(harness.Now.AddHours(1), timer.FireAt);

        var done = harness.EpisodeAt(timer.FireAt, harness.Fired(timer));

        Assert.Equal(timer.FireAt, ExecutorHarness.Output<DateTime>(done));
    }

    [Fact]
    public void Execute_EventRaisedBeforeWait_IsBufferedAndMatchedCaseInsensitively()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Early", async (context, _) =>
        {
            await context.CallActivityAsync("Work");
            return await context.WaitForExternalEvent<string>("Approval");
        });
        var harness = new ExecutorHarness(registry);
        harness.Start("Early");
        Assert.Empty(harness.Episode(harness.Raised("APPROVAL", "yes")).Actions);

        Assert.Equal("yes", ExecutorHarness.Output<string>(harness.Episode(harness.Completed(0, null))));
    }

    [Fact]
    public void Execute_EventRaisedAfterWait_CompletesWaiter()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Late", (context, _) =>
            context.WaitForExternalEvent<int>("value"));
        var harness = new ExecutorHarness(registry);
        Assert.Empty(harness.Start("Late").Actions);

        Assert.Equal(5, ExecutorHarness.Output<int>(harness.Episode(harness.Raised("Value", 5))));
    }

    [Fact]
    public void Execute_WaitWithTimeoutExpires_ThrowsTaskCanceled()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Timeout", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("never", TimeSpan.FromMinutes(5));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
        var harness = new ExecutorHarness(registry);
        var timer = ExecutorHarness.Single<CreateTimerAction>(harness.Start("Timeout"));

        Assert.Equal("timed out", ExecutorHarness.Output<string>(harness.EpisodeAt(timer.FireAt, harness.Fired(timer))));
    }

    [Fact]
    public void Execute_WaitWithTimeoutReceivesEvent_IgnoresLaterTimer()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Timeout", async (context, _) =>
            await context.WaitForExternalEvent<string>("go", TimeSpan.FromMinutes(5)));
        var harness = new ExecutorHarness(registry);
        harness.Start("Timeout");

        Assert.Equal("now", ExecutorHarness.Output<string>(harness.Episode(harness.Raised("go", "now"))));
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void Execute_ContinueAsNew_CarriesOverUnprocessedEventsOnlyWhenPreserved(bool preserve, int expectedCarryover)
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<int, int>("Loop", async (context, count) =>
        {
            await context.WaitForExternalEvent<string>("tick");
            context.ContinueAsNew(count + 1, preserve);
            return count;
        });
        var harness = new ExecutorHarness(registry);
        harness.Start("Loop", 0);

        var result = harness.Episode(harness.Raised("tick", "a"), harness.Raised("tick", "b"), harness.Raised("other", "c"));

        var completion = ExecutorHarness.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.ContinuedAsNew, completion.OrchestrationStatus);
        Assert.Equal("1", completion.Result);
        Assert.Equal(preserve ? expectedCarryover : 0, completion.CarryoverEvents?.Count ?? 0);
        if (preserve)
        {
            Assert.Equal(["tick", "other"], completion.CarryoverEvents!.Cast<EventRaisedEvent>().Select(e => e.Name));
        }
    }

    [Fact]
    public void Execute_SubOrchestration_CreatesWithInstanceIdAndReturnsResult()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Parent", (context, _) =>
            context.CallSubOrchestratorAsync<int>("Child", 3, new SubOrchestrationOptions("child-1")));
        var harness = new ExecutorHarness(registry);

        var create = ExecutorHarness.Single<CreateSubOrchestrationAction>(harness.Start("Parent"));
        Assert.Equal(("child-1", "Child", "3"), (create.InstanceId, create.Name, create.Input));

        var done = harness.Episode(new SubOrchestrationInstanceCompletedEvent(-1, harness.Now, create.Id, "9"));
        Assert.Equal(9, ExecutorHarness.Output<int>(done));
    }

    [Fact]
    public void Execute_SubOrchestrationFails_ThrowsTaskFailedWithDetails()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Parent", async (context, _) =>
        {
            try
            {
                await context.CallSubOrchestratorAsync("Child");
                return "no";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorMessage;
            }
        });
        var harness = new ExecutorHarness(registry);
        var create = ExecutorHarness.Single<CreateSubOrchestrationAction>(harness.Start("Parent"));
        Assert.Equal(32, create.InstanceId.Length);

        var failure = new TaskFailureDetails("X", "child broke");
        var done = harness.Episode(new SubOrchestrationInstanceFailedEvent(-1, harness.Now, create.Id, failure));

        Assert.Equal("child broke", ExecutorHarness.Output<string>(done));
    }

    [Fact]
    public void Execute_Suspended_HoldsEventsUntilResumed()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);

        var suspended = harness.Episode(new ExecutionSuspendedEvent(-1, harness.Now, "pause"), harness.Completed(0, 2));
        Assert.True(suspended.IsSuspended);
        Assert.Empty(suspended.Actions);

        var resumed = harness.Episode(new ExecutionResumedEvent(-1, harness.Now, null));
        Assert.False(resumed.IsSuspended);
        Assert.Equal("B", ExecutorHarness.Single<ScheduleTaskAction>(resumed).Name);
        Assert.Equal(4, ExecutorHarness.Output<int>(harness.Episode(harness.Completed(1, 2))));
    }

    [Fact]
    public void Execute_Terminated_CompletesAsTerminatedWithReason()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);

        var result = harness.Episode(new ExecutionTerminatedEvent(-1, harness.Now, "\"stop\""));

        var completion = ExecutorHarness.Single<CompleteOrchestrationAction>(result);
        Assert.Equal((OrchestrationStatus.Terminated, "\"stop\""), (completion.OrchestrationStatus, completion.Result));
    }

    [Fact]
    public void NewGuid_AcrossReplays_IsStableAndDistinctPerCall()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, Guid[]>("Guids", async (context, _) =>
        {
            var first = context.NewGuid();
            var second = context.NewGuid();
            await context.CallActivityAsync("Work");
            return [first, second, context.NewGuid()];
        });
        var harness = new ExecutorHarness(registry);
        harness.Start("Guids");

        var guids = ExecutorHarness.Output<Guid[]>(harness.Episode(harness.Completed(0, null)))!;
        var replayed = ExecutorHarness.Output<Guid[]>(harness.Executor.Execute(harness.InstanceId, harness.History.Take(4).ToList(), harness.History.Skip(4).Take(2).ToList()))!;

        Assert.Equal(3, guids.Distinct().Count());
        Assert.Equal(guids[..2], replayed[..2]);
        Assert.Equal(5, guids[0].Version);
    }

    [Fact]
    public void CreateReplaySafeLogger_DuringReplay_WritesEachLineOnce()
    {
        var provider = new CapturingLoggerProvider();
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Logs", async (context, _) =>
        {
            var logger = context.CreateReplaySafeLogger("Logs");
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "before");
            await context.CallActivityAsync("Work");
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "after");
            return 1;
        });
        var options = new OrchestrationExecutorOptions { LoggerFactory = new Microsoft.Extensions.Logging.LoggerFactory([provider]) };
        var harness = new ExecutorHarness(registry, options: options);

        harness.Start("Logs");
        harness.Episode(harness.Completed(0, null));

        Assert.Equal(["before", "after"], provider.Lines);
    }

    [Fact]
    public void SetCustomStatus_TooLarge_FailsInstanceWithClearError()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Status", (context, _) =>
        {
            context.SetCustomStatus(new string('x', 20_000));
            return Task.FromResult(1);
        });
        var harness = new ExecutorHarness(registry);

        var failure = ExecutorHarness.Failure(harness.Start("Status"));

        Assert.True(failure.IsCausedBy<ArgumentException>());
        Assert.Contains("limit is 16384", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SetCustomStatus_WithinLimit_IsReturnedWithActions()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Status", async (context, _) =>
        {
            context.SetCustomStatus(new { Step = 1 });
            await context.CallActivityAsync("Work");
            return 1;
        });

        Assert.Equal("{\"Step\":1}", new ExecutorHarness(registry).Start("Status").CustomStatus);
    }

    [Fact]
    public void Execute_UnknownOrchestrator_FailsWithNotFound()
    {
        var failure = ExecutorHarness.Failure(new ExecutorHarness(Chain()).Start("Missing"));

        Assert.Equal(RuntimeErrorTypes.OrchestratorNotFound, failure.ErrorType);
        Assert.Contains("Missing", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_InputOfWrongShape_FailsWithDeserializationError()
    {
        var failure = ExecutorHarness.Failure(new ExecutorHarness(Chain()).Start("Chain", "not a number"));

        Assert.Equal(RuntimeErrorTypes.InputDeserialization, failure.ErrorType);
    }

    [Fact]
    public void Execute_OutputTooLarge_FailsWithClearError()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, string>("Big", (_, _) => Task.FromResult(new string('x', 100)));
        var options = new OrchestrationExecutorOptions { MaxOutputBytes = 50 };

        var failure = ExecutorHarness.Failure(new ExecutorHarness(registry, options: options).Start("Big"));

        Assert.Equal(RuntimeErrorTypes.OutputTooLarge, failure.ErrorType);
    }

    [Fact]
    public void Execute_AwaitsTaskDelay_FailsAsNonDurableAwait()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<object?, int>("Delay", async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1));
            return 1;
        });

        var failure = ExecutorHarness.Failure(new ExecutorHarness(registry).Start("Delay"));

        Assert.Equal(RuntimeErrorTypes.NonDurableAwait, failure.ErrorType);
    }

    [Fact]
    public void Execute_HistoryWithoutExecutionStarted_FailsAsCorrupted()
    {
        var executor = new ExecutorHarness(Chain()).Executor;

        var result = executor.Execute("x", [], [new OrchestratorStartedEvent(-1, DateTime.UtcNow), new TaskCompletedEvent(-1, DateTime.UtcNow, 0, "1")]);

        Assert.Equal(RuntimeErrorTypes.HistoryCorrupted, ExecutorHarness.Failure(result).ErrorType);
    }

    [Fact]
    public void Execute_DuplicateCompletion_IsIgnored()
    {
        var harness = new ExecutorHarness(Chain());
        harness.Start("Chain", 1);
        harness.Episode(harness.Completed(0, 10));

        var result = harness.Episode(harness.Completed(0, 10), harness.Completed(1, 5));

        Assert.Equal(15, ExecutorHarness.Output<int>(result));
    }

    [Fact]
    public void Execute_FanOutFanIn_SchedulesAllThenCompletesWhenAllArrive()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<int, int>("Fan", async (context, n) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Square", i)));
            return results.Sum();
        });
        var harness = new ExecutorHarness(registry);
        Assert.Equal(5, harness.Start("Fan", 5).Actions.Count);

        Assert.Empty(harness.Episode(harness.Completed(4, 16), harness.Completed(0, 0)).Actions);
        var done = harness.Episode(harness.Completed(1, 1), harness.Completed(3, 9), harness.Completed(2, 4));

        Assert.Equal(30, ExecutorHarness.Output<int>(done));
    }

    [Fact]
    public void Advance_KeptInMemory_MatchesFullReplayAndAfterEvictionGivesSameResult()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<int, int>("Long", async (context, n) =>
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                total += await context.CallActivityAsync<int>("Step", i);
            }

            return total;
        });
        const int Steps = 60;
        var cached = new ExecutorHarness(registry, keepInMemory: true);
        var replayed = new ExecutorHarness(registry);
        cached.Start("Long", Steps);
        replayed.Start("Long", Steps);
        OrchestratorResult last = null!;
        for (var i = 0; i < Steps; i++)
        {
            if (i == Steps / 2)
            {
                cached.Evict();
            }

            last = cached.Episode(cached.Completed(i, i));
            var expected = replayed.Episode(replayed.Completed(i, i));
            Assert.Equal(expected.Actions, last.Actions);
        }

        Assert.Equal(Enumerable.Range(0, Steps).Sum(), ExecutorHarness.Output<int>(last));
        // In memory, only the single replay after the eviction reads old history: far less than the quadratic full replay.
        Assert.True(cached.ReplayedEventCount * 10 < replayed.ReplayedEventCount, $"{cached.ReplayedEventCount} vs {replayed.ReplayedEventCount}");
    }
}
