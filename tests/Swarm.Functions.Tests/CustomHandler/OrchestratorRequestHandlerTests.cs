using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable;
using Swarm.Durable.Execution;
using Swarm.Functions.CustomHandler;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class OrchestratorRequestHandlerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly OrchestratorRequestHandler _handler;

    public OrchestratorRequestHandlerTests()
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Pipeline", async (context, input) =>
            {
                context.SetCustomStatus("calling activity");
                var shout = await context.CallActivityAsync<string>("Shout", input);
                await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                context.SetCustomStatus("calling child");
                var square = await context.CallSubOrchestratorAsync<int>("Square", 7);
                context.SetCustomStatus("waiting for approval");
                var approver = await context.WaitForExternalEvent<string>("Approval");
                return $"{shout}|{square}|{approver}";
            })
            .AddOrchestratorFunc<int, int>("Square", (_, n) => Task.FromResult(n * n))
            .AddOrchestratorFunc<int, int>("Accumulate", async (context, total) =>
            {
                var add = await context.WaitForExternalEvent<int>("Add");
                context.ContinueAsNew(total + add);
                return total;
            })
            .AddOrchestrator("FactoryBreaks", _ => throw new InvalidOperationException("the orchestrator factory broke"))
            .AddOrchestrator("OutOfMemory", _ => throw new OutOfMemoryException("no memory left"));
        _handler = new OrchestratorRequestHandler(registry, _services);
    }

    public void Dispose() => _services.Dispose();

    private SimulatedDurableHost Host(string instanceId = "run-1") => new(_handler, instanceId);

    private static P.HistoryEvent Incoming(DateTime at, Action<P.HistoryEvent> set)
    {
        var e = new P.HistoryEvent { EventId = -1, Timestamp = WireSamples.Time(at) };
        set(e);
        return e;
    }

    private static P.TaskFailureDetails AssertFailed(P.OrchestratorResponse response, string errorType)
    {
        var action = Assert.Single(response.Actions);
        Assert.Equal(P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration, action.OrchestratorActionTypeCase);
        Assert.Equal(P.OrchestrationStatus.Failed, action.CompleteOrchestration.OrchestrationStatus);
        var failure = action.CompleteOrchestration.FailureDetails;
        Assert.NotNull(failure);
        Assert.Equal(errorType, failure.ErrorType);
        return failure;
    }

    private P.OrchestratorResponse HandleBase64(string? encoded) =>
        P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(_handler.Handle(encoded)));

    private P.OrchestratorResponse HandleBytes(byte[] bytes) => HandleBase64(Convert.ToBase64String(bytes));

    [Fact]
    public void Handle_ActivityTimerSubOrchestrationAndEvent_ReachesCompletionEpisodeByEpisode()
    {
        var host = Host();

        var first = host.Start("Pipeline", "\"hello\"");
        Assert.Equal("run-1", first.InstanceId);
        Assert.Equal("\"calling activity\"", first.CustomStatus);
        var schedule = Assert.Single(first.Actions);
        Assert.Equal(0, schedule.Id);
        Assert.Equal("Shout", schedule.ScheduleTask.Name);
        Assert.Equal("\"hello\"", schedule.ScheduleTask.Input);
        Assert.Null(schedule.ScheduleTask.Version);

        var second = host.RunEpisode(Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 0, Result = "\"HELLO\"" }));
        var timer = Assert.Single(second.Actions);
        Assert.Equal(1, timer.Id);
        // CurrentUtcDateTime is the episode's OrchestratorStarted time, so the timer is due five minutes after it.
        Assert.Equal(WireSamples.Time(host.Now.AddMinutes(5)), timer.CreateTimer.FireAt);

        var fireAt = timer.CreateTimer.FireAt;
        var third = host.RunEpisode(Incoming(host.Now, e => e.TimerFired = new P.TimerFiredEvent { TimerId = 1, FireAt = fireAt }));
        Assert.Equal("\"calling child\"", third.CustomStatus);
        var child = Assert.Single(third.Actions);
        Assert.Equal(2, child.Id);
        Assert.Equal("Square", child.CreateSubOrchestration.Name);
        Assert.Equal("7", child.CreateSubOrchestration.Input);
        Assert.False(string.IsNullOrWhiteSpace(child.CreateSubOrchestration.InstanceId));

        var fourth = host.RunEpisode(Incoming(host.Now, e => e.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = 2, Result = "49" }));
        Assert.Empty(fourth.Actions);
        Assert.Equal("\"waiting for approval\"", fourth.CustomStatus);

        var fifth = host.RunEpisode(Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Approval", Input = "\"ops\"" }));
        var done = Assert.Single(fifth.Actions);
        Assert.Equal(3, done.Id);
        Assert.Equal(P.OrchestrationStatus.Completed, done.CompleteOrchestration.OrchestrationStatus);
        Assert.Equal("\"HELLO|49|ops\"", done.CompleteOrchestration.Result);
        Assert.Null(done.CompleteOrchestration.FailureDetails);

        // Every episode replayed the whole committed history of the ones before it.
        Assert.Equal([0, 4, 8, 12, 15], host.Requests.Select(r => r.PastEvents.Count));
    }

    [Fact]
    public void Handle_ContinueAsNew_CompletesWithNewInputAndCarriesOverUnconsumedEvents()
    {
        var host = Host("accumulator");

        Assert.Empty(host.Start("Accumulate", "0").Actions);
        var restart = host.RunEpisode(
            Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Add", Input = "5" }),
            Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Add", Input = "7" }));

        // No custom status was ever set, so the wrapper stays absent rather than empty.
        Assert.Null(restart.CustomStatus);
        var complete = Assert.Single(restart.Actions).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, complete.OrchestrationStatus);
        Assert.Equal("5", complete.Result);
        var carried = Assert.Single(complete.CarryoverEvents);
        Assert.Equal(P.HistoryEvent.EventTypeOneofCase.EventRaised, carried.EventTypeCase);
        Assert.Equal("Add", carried.EventRaised.Name);
        Assert.Equal("7", carried.EventRaised.Input);

        // The next execution starts with the new input and receives the carried-over event at once.
        var next = host.ContinueAsNew(complete);
        var nextComplete = Assert.Single(next.Actions).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, nextComplete.OrchestrationStatus);
        Assert.Equal("12", nextComplete.Result);
        Assert.Empty(nextComplete.CarryoverEvents);
    }

    [Fact]
    public void Handle_ActivityRenamedSinceHistoryWasRecorded_FailsAsNonDeterministic()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");
        host.History.Single(e => e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.TaskScheduled).TaskScheduled.Name = "Whisper";

        var response = host.RunEpisode(Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 0, Result = "\"HELLO\"" }));

        var failure = AssertFailed(response, typeof(NonDeterministicOrchestrationException).FullName!);
        Assert.True(failure.IsNonRetriable);
        Assert.Contains("Non-deterministic", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Whisper'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Shout'", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_ActivityFails_OrchestrationFailsWithTheActivityFailureInside()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");

        var response = host.RunEpisode(Incoming(host.Now, e => e.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = 0, FailureDetails = WireSamples.NestedFailure() }));

        var failure = AssertFailed(response, typeof(TaskFailedException).FullName!);
        Assert.Contains("Shout", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(WireSamples.NestedFailure(), failure.InnerFailure);
    }

    [Fact]
    public void Handle_UnknownOrchestrator_FailsWithOrchestratorNotFound()
    {
        var response = Host().Start("NoSuchOrchestrator", null);

        var failure = AssertFailed(response, RuntimeErrorTypes.OrchestratorNotFound);
        Assert.Contains("NoSuchOrchestrator", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.True(failure.IsNonRetriable);
    }

    [Theory]
    [InlineData("this is not base64!")]
    [InlineData("abc")]
    [InlineData("%%%%")]
    public void Handle_GarbageBase64_FailsSayingItIsNotBase64(string garbage)
    {
        var failure = AssertFailed(HandleBase64(garbage), ProtocolErrorTypes.InvalidRequest);

        Assert.Contains("not valid base64", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.True(failure.IsNonRetriable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Handle_EmptyRequest_FailsSayingItIsEmpty(string? empty)
    {
        var failure = AssertFailed(HandleBase64(empty), ProtocolErrorTypes.InvalidRequest);

        Assert.Contains("empty", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_TruncatedProtobuf_FailsSayingItIsNotAnOrchestratorRequest()
    {
        // Field 3 (pastEvents) announces five bytes but only one follows.
        var failure = AssertFailed(HandleBytes([0x1A, 0x05, 0x01]), ProtocolErrorTypes.InvalidRequest);

        Assert.Contains("not a protobuf OrchestratorRequest", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("3 bytes", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_ProtobufWithOnlyUnknownFields_FailsSayingNoInstanceIsNamed()
    {
        // Field 15 as a varint: well-formed protobuf, but nothing an OrchestratorRequest knows.
        var failure = AssertFailed(HandleBytes([0x78, 0x01]), ProtocolErrorTypes.InvalidRequest);

        Assert.Contains("names no instance", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_EventWithoutTimestamp_FailsNamingTheEvent()
    {
        var request = new P.OrchestratorRequest
        {
            InstanceId = "run-1",
            NewEvents =
            {
                WireSamples.OrchestratorStarted(),
                new P.HistoryEvent { EventId = -1, ExecutionStarted = WireSamples.ExecutionStarted().ExecutionStarted },
            },
        };

        var failure = AssertFailed(HandleBytes(request.ToByteArray()), ProtocolErrorTypes.InvalidRequest);

        Assert.Contains("newEvents[1]", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("timestamp", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_EntityEventInHistory_FailsAsUnsupported()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");
        host.History.Insert(2, Incoming(host.Now, e => e.EntityLockGranted = new P.EntityLockGrantedEvent { CriticalSectionId = "cs" }));

        var response = host.RunEpisode();

        var failure = AssertFailed(response, ProtocolErrorTypes.UnsupportedFeature);
        Assert.Contains("pastEvents[2]", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("EntityLockGranted", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_HistoryStateAndRewoundEvents_AreIgnoredByReplay()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");
        host.History.Insert(1, Incoming(host.Now, e => e.HistoryState = new P.HistoryStateEvent { OrchestrationState = new P.OrchestrationState { InstanceId = "run-1" } }));
        host.History.Add(Incoming(host.Now, e => e.ExecutionRewound = new P.ExecutionRewoundEvent { Reason = "retry" }));

        var response = host.RunEpisode(Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 0, Result = "\"HELLO\"" }));

        Assert.Equal(P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer, Assert.Single(response.Actions).OrchestratorActionTypeCase);
    }

    [Fact]
    public void Handle_StateNotIncluded_AsksForTheHistoryWithoutRunning()
    {
        var request = new P.OrchestratorRequest
        {
            InstanceId = "run-1",
            NewEvents = { WireSamples.OrchestratorStarted(), WireSamples.TaskCompleted() },
            Properties = { [OrchestratorRequestHandler.IncludeStateProperty] = Value.ForBool(false) },
        };

        var response = _handler.Handle(request, completionToken: "token-7");

        Assert.True(response.RequiresHistory);
        Assert.Empty(response.Actions);
        Assert.Equal("run-1", response.InstanceId);
        Assert.Equal("token-7", response.CompletionToken);
    }

    [Fact]
    public void Handle_StateIncludedTrue_RunsNormally()
    {
        var request = new P.OrchestratorRequest
        {
            InstanceId = "run-1",
            NewEvents = { WireSamples.OrchestratorStarted(), StartedPipeline("run-1") },
            Properties = { [OrchestratorRequestHandler.IncludeStateProperty] = Value.ForBool(true) },
        };

        var response = _handler.Handle(request);

        Assert.False(response.RequiresHistory);
        Assert.Equal("Shout", Assert.Single(response.Actions).ScheduleTask.Name);
        Assert.Equal(string.Empty, response.CompletionToken);
    }

    [Fact]
    public void Handle_HistoryStreamingRequested_FailsAsUnsupported()
    {
        var request = new P.OrchestratorRequest { InstanceId = "run-1", RequiresHistoryStreaming = true };

        var failure = AssertFailed(HandleBytes(request.ToByteArray()), ProtocolErrorTypes.UnsupportedFeature);

        Assert.Contains("stream its history", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_RequestWithoutInstanceId_UsesTheExecutionStartedInstance()
    {
        var request = new P.OrchestratorRequest { NewEvents = { WireSamples.OrchestratorStarted(), StartedPipeline("from-started") } };

        var response = HandleBytes(request.ToByteArray());

        Assert.Equal("from-started", response.InstanceId);
        Assert.Equal("Shout", Assert.Single(response.Actions).ScheduleTask.Name);
    }

    [Fact]
    public void Handle_OrchestratorFactoryThrows_FailsWithTheExceptionAsInnerFailure()
    {
        var response = Host().Start("FactoryBreaks", null);

        var failure = AssertFailed(response, ProtocolErrorTypes.ExecutionError);
        Assert.Contains("the orchestrator factory broke", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure.ErrorType);
        Assert.Equal("the orchestrator factory broke", failure.InnerFailure.ErrorMessage);
    }

    [Fact]
    public void Handle_OutOfMemory_IsAnInnerFailureSoTheHostAbortsAndRetries()
    {
        var response = Host().Start("OutOfMemory", null);

        var failure = AssertFailed(response, ProtocolErrorTypes.ExecutionError);
        // The host scans inner failures (not the outer one) for OutOfMemoryException to abort instead of failing.
        Assert.Equal(typeof(OutOfMemoryException).FullName, failure.InnerFailure.ErrorType);
    }

    [Fact]
    public void Handle_TypedRequest_EchoesTheCompletionToken()
    {
        var request = new P.OrchestratorRequest { InstanceId = "run-1", NewEvents = { WireSamples.OrchestratorStarted(), StartedPipeline("run-1") } };

        Assert.Equal("work-item-1", _handler.Handle(request, "work-item-1").CompletionToken);
        Assert.Equal("work-item-2", AssertFailedToken(_handler.Handle(new P.OrchestratorRequest { RequiresHistoryStreaming = true }, "work-item-2")));
    }

    private static string AssertFailedToken(P.OrchestratorResponse response)
    {
        AssertFailed(response, ProtocolErrorTypes.UnsupportedFeature);
        return response.CompletionToken;
    }

    private static P.HistoryEvent StartedPipeline(string instanceId) => new()
    {
        EventId = -1,
        Timestamp = WireSamples.Time(WireSamples.At),
        ExecutionStarted = new P.ExecutionStartedEvent
        {
            Name = "Pipeline",
            Input = "\"hi\"",
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instanceId },
        },
    };
}
