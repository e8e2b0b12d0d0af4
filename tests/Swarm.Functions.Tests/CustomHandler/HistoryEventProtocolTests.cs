using Google.Protobuf;
using Swarm.Durable.History;
using Swarm.Functions.CustomHandler;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class HistoryEventProtocolTests
{
    public static TheoryData<string> EventNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in WireSamples.AllEvents())
        {
            data.Add(name);
        }

        return data;
    }

    private static P.HistoryEvent Sample(string name) => WireSamples.AllEvents().Single(e => e.Name == name).Event;

    internal static void AssertNestedFailure(TaskFailureDetails? failure)
    {
        Assert.NotNull(failure);
        Assert.Equal("Swarm.Orchestrations.QuotaExceededException", failure.ErrorType);
        Assert.Equal("quota exceeded", failure.ErrorMessage);
        Assert.Equal("   at Outer()", failure.StackTrace);
        Assert.True(failure.IsNonRetriable);
        var middle = failure.InnerFailure;
        Assert.NotNull(middle);
        Assert.Equal("System.InvalidOperationException", middle.ErrorType);
        Assert.Equal("middle", middle.ErrorMessage);
        Assert.Equal(string.Empty, middle.StackTrace);
        Assert.False(middle.IsNonRetriable);
        var innermost = middle.InnerFailure;
        Assert.NotNull(innermost);
        Assert.Equal("System.IO.IOException", innermost.ErrorType);
        Assert.Equal("disk gone", innermost.ErrorMessage);
        Assert.Null(innermost.StackTrace);
        Assert.Null(innermost.InnerFailure);
    }

    private static void AssertTrace(TraceContext? trace)
    {
        Assert.NotNull(trace);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", trace.TraceParent);
        Assert.Equal("congo=t61rcWkgMzE", trace.TraceState);
    }

    private static T Translate<T>(P.HistoryEvent proto, int expectedId)
        where T : HistoryEvent
    {
        var translated = Assert.IsType<T>(HistoryEventProtocol.ToDurable(proto));
        Assert.Equal(expectedId, translated.EventId);
        Assert.Equal(WireSamples.At, translated.Timestamp);
        Assert.Equal(DateTimeKind.Utc, translated.Timestamp.Kind);
        return translated;
    }

    [Fact]
    public void ToDurable_ExecutionStarted_CopiesEveryField()
    {
        var e = Translate<ExecutionStartedEvent>(WireSamples.ExecutionStarted(), -1);

        Assert.Equal("SimulationRun", e.Name);
        Assert.Equal("2", e.Version);
        Assert.Equal("{\"runId\":\"r-1\"}", e.Input);
        Assert.Equal(new OrchestrationInstance("run-1", "exec-1"), e.OrchestrationInstance);
        Assert.NotNull(e.ParentInstance);
        Assert.Equal(4, e.ParentInstance.TaskScheduledId);
        Assert.Equal("ParameterSweep", e.ParentInstance.Name);
        Assert.Equal("1", e.ParentInstance.Version);
        Assert.Equal(new OrchestrationInstance("sweep-1", "exec-0"), e.ParentInstance.OrchestrationInstance);
        Assert.Equal(WireSamples.FireAt, e.ScheduledStartTimestamp);
        AssertTrace(e.ParentTraceContext);
        Assert.NotNull(e.Tags);
        Assert.Equal(2, e.Tags.Count);
        Assert.Equal("swarm", e.Tags["owner"]);
        Assert.Equal("gold", e.Tags["tier"]);
    }

    [Fact]
    public void ToDurable_ExecutionStartedWithoutOptionalParts_LeavesThemNull()
    {
        var proto = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = WireSamples.Time(WireSamples.At),
            ExecutionStarted = new P.ExecutionStartedEvent
            {
                Name = "Backup",
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "backup-20260314" },
            },
        };

        var e = Translate<ExecutionStartedEvent>(proto, -1);

        Assert.Null(e.Version);
        Assert.Null(e.Input);
        Assert.Equal(new OrchestrationInstance("backup-20260314", null), e.OrchestrationInstance);
        Assert.Null(e.ParentInstance);
        Assert.Null(e.ScheduledStartTimestamp);
        Assert.Null(e.ParentTraceContext);
        Assert.Null(e.Tags);
    }

    [Fact]
    public void ToDurable_ExecutionCompleted_CopiesStatusResultAndNestedFailure()
    {
        var e = Translate<ExecutionCompletedEvent>(WireSamples.ExecutionCompleted(), 9);

        Assert.Equal(OrchestrationStatus.Failed, e.OrchestrationStatus);
        Assert.Equal(string.Empty, e.Result);
        AssertNestedFailure(e.FailureDetails);
    }

    [Fact]
    public void ToDurable_ExecutionTerminated_CopiesInputAndRecurse()
    {
        var e = Translate<ExecutionTerminatedEvent>(WireSamples.ExecutionTerminated(), -1);

        Assert.Equal("\"operator\"", e.Input);
        Assert.True(e.Recurse);
    }

    [Fact]
    public void ToDurable_TaskScheduled_CopiesEveryField()
    {
        var e = Translate<TaskScheduledEvent>(WireSamples.TaskScheduled(), 3);

        Assert.Equal("RunSimulationChunk", e.Name);
        Assert.Equal("1.1", e.Version);
        Assert.Equal("{\"chunk\":3}", e.Input);
        AssertTrace(e.ParentTraceContext);
        Assert.NotNull(e.Tags);
        Assert.Equal("3", Assert.Single(e.Tags).Value);
    }

    [Fact]
    public void ToDurable_TaskCompleted_CopiesScheduledIdAndResult()
    {
        var e = Translate<TaskCompletedEvent>(WireSamples.TaskCompleted(), -1);

        Assert.Equal(3, e.TaskScheduledId);
        Assert.Equal("42", e.Result);
    }

    [Fact]
    public void ToDurable_TaskFailed_CopiesScheduledIdAndNestedFailure()
    {
        var e = Translate<TaskFailedEvent>(WireSamples.TaskFailed(), -1);

        Assert.Equal(3, e.TaskScheduledId);
        AssertNestedFailure(e.FailureDetails);
    }

    [Fact]
    public void ToDurable_TaskFailedWithoutFailureDetails_StillFailsTheTask()
    {
        var proto = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = WireSamples.Time(WireSamples.At),
            TaskFailed = new P.TaskFailedEvent { TaskScheduledId = 2 },
        };

        var e = Translate<TaskFailedEvent>(proto, -1);

        Assert.Equal(2, e.TaskScheduledId);
        Assert.Equal("(unknown)", e.FailureDetails.ErrorType);
        Assert.Contains("failureDetails", e.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_SubOrchestrationInstanceCreated_CopiesEveryField()
    {
        var e = Translate<SubOrchestrationInstanceCreatedEvent>(WireSamples.SubOrchestrationInstanceCreated(), 5);

        Assert.Equal("batch-7", e.InstanceId);
        Assert.Equal("SweepBatch", e.Name);
        Assert.Equal("3", e.Version);
        Assert.Equal("[1,2,3]", e.Input);
        AssertTrace(e.ParentTraceContext);
        Assert.NotNull(e.Tags);
        Assert.Equal("7", e.Tags["batch"]);
    }

    [Fact]
    public void ToDurable_SubOrchestrationInstanceCompleted_CopiesScheduledIdAndResult()
    {
        var e = Translate<SubOrchestrationInstanceCompletedEvent>(WireSamples.SubOrchestrationInstanceCompleted(), -1);

        Assert.Equal(5, e.TaskScheduledId);
        Assert.Equal("\"done\"", e.Result);
    }

    [Fact]
    public void ToDurable_SubOrchestrationInstanceFailed_CopiesScheduledIdAndNestedFailure()
    {
        var e = Translate<SubOrchestrationInstanceFailedEvent>(WireSamples.SubOrchestrationInstanceFailed(), -1);

        Assert.Equal(5, e.TaskScheduledId);
        AssertNestedFailure(e.FailureDetails);
    }

    [Fact]
    public void ToDurable_TimerCreated_CopiesFireAt()
    {
        var e = Translate<TimerCreatedEvent>(WireSamples.TimerCreated(), 6);

        Assert.Equal(WireSamples.FireAt, e.FireAt);
        Assert.Equal(DateTimeKind.Utc, e.FireAt.Kind);
    }

    [Fact]
    public void ToDurable_TimerFired_CopiesFireAtAndTimerId()
    {
        var e = Translate<TimerFiredEvent>(WireSamples.TimerFired(), -1);

        Assert.Equal(WireSamples.FireAt, e.FireAt);
        Assert.Equal(6, e.TimerId);
    }

    [Fact]
    public void ToDurable_OrchestratorStartedAndCompleted_CopyIdAndTime()
    {
        Translate<OrchestratorStartedEvent>(WireSamples.OrchestratorStarted(), -1);
        Translate<OrchestratorCompletedEvent>(WireSamples.OrchestratorCompleted(), -1);
    }

    [Fact]
    public void ToDurable_EventSent_CopiesReceiverNameAndInput()
    {
        var e = Translate<EventSentEvent>(WireSamples.EventSent(), 7);

        Assert.Equal("sweep-1", e.InstanceId);
        Assert.Equal("BatchDone", e.Name);
        Assert.Equal("{\"batch\":7}", e.Input);
    }

    [Fact]
    public void ToDurable_EventRaised_CopiesNameAndInput()
    {
        var e = Translate<EventRaisedEvent>(WireSamples.EventRaised(), -1);

        Assert.Equal("Approval", e.Name);
        Assert.Equal("true", e.Input);
    }

    [Fact]
    public void ToDurable_GenericEvent_CopiesData()
    {
        Assert.Equal("note", Translate<GenericEvent>(WireSamples.GenericEvent(), -1).Data);
    }

    [Fact]
    public void ToDurable_ContinueAsNew_CopiesInput()
    {
        Assert.Equal("{\"next\":2}", Translate<ContinueAsNewEvent>(WireSamples.ContinueAsNew(), 8).Input);
    }

    [Fact]
    public void ToDurable_ExecutionSuspendedAndResumed_CopyInput()
    {
        Assert.Equal("\"maintenance\"", Translate<ExecutionSuspendedEvent>(WireSamples.ExecutionSuspended(), -1).Input);
        Assert.Equal("\"back\"", Translate<ExecutionResumedEvent>(WireSamples.ExecutionResumed(), -1).Input);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void ToProto_AfterToDurable_EqualsTheOriginalMessage(string name)
    {
        var original = Sample(name);

        var roundTripped = HistoryEventProtocol.ToProto(HistoryEventProtocol.ToDurable(original));

        Assert.Equal(original.EventTypeCase, roundTripped.EventTypeCase);
        Assert.Equal(original.EventId, roundTripped.EventId);
        Assert.Equal(original.Timestamp, roundTripped.Timestamp);
        // Message equality compares every field, wrapper presence and map entry of the event payload.
        Assert.Equal(original, roundTripped);
        Assert.Equal(original.ToByteArray(), roundTripped.ToByteArray());
    }

    [Fact]
    public void ToProto_ExecutionStarted_WritesEveryFieldOnTheWire()
    {
        var durable = new ExecutionStartedEvent(
            -1,
            WireSamples.At,
            "SimulationRun",
            null,
            string.Empty,
            new OrchestrationInstance("run-1"),
            new ParentInstanceInfo(4, null, "1", new OrchestrationInstance("sweep-1", "exec-0")),
            null,
            new TraceContext("00-aa-bb-01"),
            new Dictionary<string, string> { ["owner"] = "swarm" });

        var proto = HistoryEventProtocol.ToProto(durable);

        Assert.Equal(P.HistoryEvent.EventTypeOneofCase.ExecutionStarted, proto.EventTypeCase);
        Assert.Equal(-1, proto.EventId);
        Assert.Equal(WireSamples.Time(WireSamples.At), proto.Timestamp);
        var started = proto.ExecutionStarted;
        Assert.Equal("SimulationRun", started.Name);
        Assert.Null(started.Version);
        Assert.Equal(string.Empty, started.Input);
        Assert.Equal("run-1", started.OrchestrationInstance.InstanceId);
        Assert.Null(started.OrchestrationInstance.ExecutionId);
        Assert.Equal(4, started.ParentInstance.TaskScheduledId);
        Assert.Null(started.ParentInstance.Name);
        Assert.Equal("1", started.ParentInstance.Version);
        Assert.Equal("sweep-1", started.ParentInstance.OrchestrationInstance.InstanceId);
        Assert.Equal("exec-0", started.ParentInstance.OrchestrationInstance.ExecutionId);
        Assert.Null(started.ScheduledStartTimestamp);
        Assert.Equal("00-aa-bb-01", started.ParentTraceContext.TraceParent);
        Assert.Null(started.ParentTraceContext.TraceState);
        Assert.Equal("swarm", started.Tags["owner"]);
    }

    [Fact]
    public void ToProto_TaskFailed_WritesNestedFailureOnTheWire()
    {
        var failure = new TaskFailureDetails("Outer", "outer message", "trace", new TaskFailureDetails("Inner", "inner message"), IsNonRetriable: true);

        var proto = HistoryEventProtocol.ToProto(new TaskFailedEvent(-1, WireSamples.At, 12, failure));

        Assert.Equal(12, proto.TaskFailed.TaskScheduledId);
        var wire = proto.TaskFailed.FailureDetails;
        Assert.Equal("Outer", wire.ErrorType);
        Assert.Equal("outer message", wire.ErrorMessage);
        Assert.Equal("trace", wire.StackTrace);
        Assert.True(wire.IsNonRetriable);
        Assert.Equal("Inner", wire.InnerFailure.ErrorType);
        Assert.Equal("inner message", wire.InnerFailure.ErrorMessage);
        Assert.Null(wire.InnerFailure.StackTrace);
        Assert.False(wire.InnerFailure.IsNonRetriable);
        Assert.Null(wire.InnerFailure.InnerFailure);
    }

    [Fact]
    public void ToDurable_ThroughTheWireBytes_KeepsNullAndEmptyStringsApart()
    {
        var withEmpty = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = WireSamples.Time(WireSamples.At),
            EventRaised = new P.EventRaisedEvent { Name = "Approval", Input = string.Empty },
        };
        var withNull = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = WireSamples.Time(WireSamples.At),
            EventRaised = new P.EventRaisedEvent { Name = "Approval" },
        };

        var empty = (EventRaisedEvent)HistoryEventProtocol.ToDurable(P.HistoryEvent.Parser.ParseFrom(withEmpty.ToByteArray()));
        var absent = (EventRaisedEvent)HistoryEventProtocol.ToDurable(P.HistoryEvent.Parser.ParseFrom(withNull.ToByteArray()));

        Assert.Equal(string.Empty, empty.Input);
        Assert.Null(absent.Input);
        Assert.Equal(string.Empty, HistoryEventProtocol.ToProto(empty).EventRaised.Input);
        Assert.Null(HistoryEventProtocol.ToProto(absent).EventRaised.Input);
    }

    [Fact]
    public void ToDurable_SpanIds_AreNotKept()
    {
        var proto = WireSamples.ExecutionStarted();
        proto.ExecutionStarted.OrchestrationSpanID = "span-1";
#pragma warning disable CS0612 // The deprecated span id is set on purpose: it must be dropped, not misread.
        proto.ExecutionStarted.ParentTraceContext.SpanID = "b7ad6b7169203331";
#pragma warning restore CS0612

        var roundTripped = HistoryEventProtocol.ToProto(HistoryEventProtocol.ToDurable(proto));

        Assert.Null(roundTripped.ExecutionStarted.OrchestrationSpanID);
        Assert.Equal(WireSamples.Trace(), roundTripped.ExecutionStarted.ParentTraceContext);
    }

    [Fact]
    public void ToDurable_MissingTimestamp_ThrowsWithTheEvent()
    {
        var proto = new P.HistoryEvent { EventId = 3, TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 3 } };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Equal(ProtocolErrorTypes.InvalidRequest, ex.ErrorType);
        Assert.Equal("HistoryEvent TaskCompleted (id 3): timestamp is required but absent.", ex.Message);
    }

    [Fact]
    public void ToDurable_TimerWithoutFireAt_Throws()
    {
        var proto = new P.HistoryEvent { EventId = 6, Timestamp = WireSamples.Time(WireSamples.At), TimerCreated = new P.TimerCreatedEvent() };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Contains("fireAt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_ExecutionStartedWithoutInstance_Throws()
    {
        var proto = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = WireSamples.Time(WireSamples.At),
            ExecutionStarted = new P.ExecutionStartedEvent { Name = "SimulationRun" },
        };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Contains("orchestrationInstance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_EventWithoutType_Throws()
    {
        var proto = new P.HistoryEvent { EventId = 1, Timestamp = WireSamples.Time(WireSamples.At) };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Equal(ProtocolErrorTypes.InvalidRequest, ex.ErrorType);
        Assert.Contains("HistoryEvent None (id 1): it has no type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_EntityEvent_IsRejectedAsUnsupported()
    {
        var proto = new P.HistoryEvent
        {
            EventId = 2,
            Timestamp = WireSamples.Time(WireSamples.At),
            EntityOperationCalled = new P.EntityOperationCalledEvent { RequestId = "r", Operation = "add" },
        };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Equal(ProtocolErrorTypes.UnsupportedFeature, ex.ErrorType);
        Assert.Contains("EntityOperationCalled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_UnknownStatus_Throws()
    {
        var proto = WireSamples.ExecutionCompleted();
        proto.ExecutionCompleted.OrchestrationStatus = (P.OrchestrationStatus)42;

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Contains("42", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDurable_TimestampOutOfRange_Throws()
    {
        var proto = WireSamples.OrchestratorStarted();
        proto.Timestamp = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MaxValue / 2 };

        var ex = Assert.Throws<DurableProtocolException>(() => HistoryEventProtocol.ToDurable(proto));

        Assert.Contains("not a valid time", ex.Message, StringComparison.Ordinal);
    }
}
