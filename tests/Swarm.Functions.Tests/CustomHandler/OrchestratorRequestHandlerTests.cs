using Google.Protobuf;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Functions.CustomHandler;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// Orchestrator invocations as the Durable extension sends them to a custom handler, built from the Durable Task SDK's
/// own protobuf types and replayed by the SDK's <c>GrpcOrchestrationRunner</c> behind <see cref="OrchestratorRequestHandler"/>.
/// </summary>
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
            });
        _handler = new OrchestratorRequestHandler(registry, _services);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _services.Dispose();
    }

    private SimulatedDurableHost Host(string instanceId = "run-1") => new(_handler, instanceId);

    private static P.HistoryEvent Incoming(DateTime at, Action<P.HistoryEvent> set)
    {
        var e = new P.HistoryEvent { EventId = -1, Timestamp = SimulatedDurableHost.Time(at) };
        set(e);
        return e;
    }

    private static P.TaskFailureDetails AssertFailed(P.OrchestratorResponse response)
    {
        var action = Assert.Single(response.Actions, a => a.OrchestratorActionTypeCase == P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration);
        Assert.Equal(P.OrchestrationStatus.Failed, action.CompleteOrchestration.OrchestrationStatus);
        return Assert.IsType<P.TaskFailureDetails>(action.CompleteOrchestration.FailureDetails);
    }

    [Fact]
    public void Handle_ActivityTimerSubOrchestrationAndEvent_ReachesCompletionEpisodeByEpisode()
    {
        var host = Host();

        var first = host.Start("Pipeline", "\"hello\"");
        Assert.Equal("\"calling activity\"", first.CustomStatus);
        var schedule = Assert.Single(first.Actions);
        Assert.Equal("Shout", schedule.ScheduleTask.Name);
        // DurableTask.Core's form of activity inputs, which the SDK's activity shim reads back.
        Assert.Equal("[\"hello\"]", schedule.ScheduleTask.Input);

        var second = host.RunEpisode(Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = schedule.Id, Result = "\"HELLO\"" }));
        var timer = Assert.Single(second.Actions);
        // CurrentUtcDateTime is the episode's OrchestratorStarted time, so the timer is due five minutes after it.
        Assert.Equal(SimulatedDurableHost.Time(host.Now.AddMinutes(5)), timer.CreateTimer.FireAt);

        var fireAt = timer.CreateTimer.FireAt;
        var third = host.RunEpisode(Incoming(host.Now, e => e.TimerFired = new P.TimerFiredEvent { TimerId = timer.Id, FireAt = fireAt }));
        Assert.Equal("\"calling child\"", third.CustomStatus);
        var child = Assert.Single(third.Actions);
        Assert.Equal("Square", child.CreateSubOrchestration.Name);
        Assert.Equal("7", child.CreateSubOrchestration.Input);
        Assert.False(string.IsNullOrWhiteSpace(child.CreateSubOrchestration.InstanceId));

        var fourth = host.RunEpisode(Incoming(host.Now, e => e.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = child.Id, Result = "49" }));
        Assert.Empty(fourth.Actions);
        Assert.Equal("\"waiting for approval\"", fourth.CustomStatus);

        var fifth = host.RunEpisode(Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Approval", Input = "\"ops\"" }));
        var done = Assert.Single(fifth.Actions);
        Assert.Equal(P.OrchestrationStatus.Completed, done.CompleteOrchestration.OrchestrationStatus);
        Assert.Equal("\"HELLO|49|ops\"", done.CompleteOrchestration.Result);
        Assert.Null(done.CompleteOrchestration.FailureDetails);
    }

    [Fact]
    public void Handle_ContinueAsNew_CompletesWithNewInputAndCarriesOverUnconsumedEvents()
    {
        var host = Host("accumulator");

        Assert.Empty(host.Start("Accumulate", "0").Actions);
        var restart = host.RunEpisode(
            Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Add", Input = "5" }),
            Incoming(host.Now, e => e.EventRaised = new P.EventRaisedEvent { Name = "Add", Input = "7" }));

        var complete = Assert.Single(restart.Actions).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, complete.OrchestrationStatus);
        Assert.Equal("5", complete.Result);
        var carried = Assert.Single(complete.CarryoverEvents);
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
    public void Handle_ActivityRenamedSinceHistoryWasRecorded_FailsWithTheSdksNonDeterminismError()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");
        host.History.Single(e => e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.TaskScheduled).TaskScheduled.Name = "Whisper";

        var response = host.RunEpisode(Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 0, Result = "\"HELLO\"" }));

        var failure = AssertFailed(response);
        Assert.Contains("NonDeterministic", failure.ErrorType, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Whisper", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_ActivityFails_OrchestrationFailsWithTheActivityFailureInside()
    {
        var host = Host();
        host.Start("Pipeline", "\"hello\"");
        var cause = new P.TaskFailureDetails { ErrorType = "System.IO.IOException", ErrorMessage = "disk gone" };

        var response = host.RunEpisode(Incoming(host.Now, e => e.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = 0, FailureDetails = cause }));

        var failure = AssertFailed(response);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("Shout", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("System.IO.IOException", failure.InnerFailure.ErrorType);
        Assert.Equal("disk gone", failure.InnerFailure.ErrorMessage);
    }

    [Fact]
    public void Handle_ExtendedSessionWithoutHistory_ContinuesFromTheCachedExecution()
    {
        var host = Host("session-1");
        var started = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = SimulatedDurableHost.Time(host.Now),
            ExecutionStarted = new P.ExecutionStartedEvent { Name = "Pipeline", Input = "\"hi\"", OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "session-1", ExecutionId = "e" } },
        };
        var first = Run("Pipeline", ExtendedSession(new P.OrchestratorRequest { InstanceId = "session-1", NewEvents = { OrchestratorStarted(host.Now), started } }, includeState: true));
        var schedule = Assert.Single(first.Actions);

        // The extension believes the worker kept the execution, so it sends only the new events.
        var second = Run("Pipeline", ExtendedSession(
            new P.OrchestratorRequest
            {
                InstanceId = "session-1",
                NewEvents = { OrchestratorStarted(host.Now), Incoming(host.Now, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = schedule.Id, Result = "\"HI\"" }) },
            },
            includeState: false));

        Assert.False(second.RequiresHistory);
        Assert.NotNull(Assert.Single(second.Actions).CreateTimer);
    }

    [Fact]
    public void Handle_ExtendedSessionUnknownToThisProcess_AsksForTheHistory()
    {
        var response = Run("Pipeline", ExtendedSession(new P.OrchestratorRequest { InstanceId = "never-seen", NewEvents = { OrchestratorStarted(DateTime.UtcNow) } }, includeState: false));

        Assert.True(response.RequiresHistory);
        Assert.Empty(response.Actions);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("////")]
    public void Handle_GarbageBase64_IsAnInvalidInvocation(string garbage)
    {
        var e = Assert.Throws<InvalidInvocationException>(() => _handler.Handle("Pipeline", garbage));
        Assert.Contains("OrchestratorRequest", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Handle_EmptyRequest_IsAnInvalidInvocation(string? empty)
    {
        var e = Assert.Throws<InvalidInvocationException>(() => _handler.Handle("Pipeline", empty));
        Assert.Contains("no OrchestratorRequest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_TruncatedProtobuf_IsAnInvalidInvocation()
    {
        var bytes = new P.OrchestratorRequest { InstanceId = "run-1", NewEvents = { OrchestratorStarted(DateTime.UtcNow) } }.ToByteArray();

        Assert.Throws<InvalidInvocationException>(() => _handler.Handle("Pipeline", Convert.ToBase64String(bytes[..^3])));
    }

    [Fact]
    public void Handle_UnknownOrchestrator_IsAnInvalidInvocation()
    {
        var e = Assert.Throws<InvalidInvocationException>(() => _handler.Handle("Nobody", Convert.ToBase64String(new P.OrchestratorRequest { InstanceId = "x" }.ToByteArray())));
        Assert.Contains("'Nobody'", e.Message, StringComparison.Ordinal);
    }

    private P.OrchestratorResponse Run(string name, P.OrchestratorRequest request) =>
        P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(_handler.Handle(name, Convert.ToBase64String(request.ToByteArray()))));

    private static P.OrchestratorRequest ExtendedSession(P.OrchestratorRequest request, bool includeState)
    {
        request.Properties.Add("IsExtendedSession", Google.Protobuf.WellKnownTypes.Value.ForBool(true));
        request.Properties.Add("IncludeState", Google.Protobuf.WellKnownTypes.Value.ForBool(includeState));
        request.Properties.Add("ExtendedSessionIdleTimeoutInSeconds", Google.Protobuf.WellKnownTypes.Value.ForNumber(30));
        return request;
    }

    private static P.HistoryEvent OrchestratorStarted(DateTime at) => Incoming(at, e => e.OrchestratorStarted = new P.OrchestratorStartedEvent());
}
