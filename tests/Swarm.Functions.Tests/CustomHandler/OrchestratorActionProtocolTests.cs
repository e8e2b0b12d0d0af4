using Google.Protobuf;
using Swarm.Durable.History;
using Swarm.Functions.CustomHandler;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class OrchestratorActionProtocolTests
{
    private static readonly TraceContext Trace = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "congo=t61rcWkgMzE");

    private static readonly TaskFailureDetails Failure = new(
        "Swarm.Orchestrations.QuotaExceededException",
        "quota exceeded",
        "   at Outer()",
        new TaskFailureDetails("System.InvalidOperationException", "middle", string.Empty, new TaskFailureDetails("System.IO.IOException", "disk gone")),
        IsNonRetriable: true);

    public static TheoryData<string> WireActionNames() => new(WireActions().Keys);

    /// <summary>One wire action per type, built field by field from the schema.</summary>
    private static Dictionary<string, P.OrchestratorAction> WireActions() => new()
    {
        ["ScheduleTask"] = new P.OrchestratorAction
        {
            Id = 0,
            ScheduleTask = new P.ScheduleTaskAction
            {
                Name = "RunSimulationChunk",
                Version = "1",
                Input = "{\"chunk\":0}",
                Tags = { { "chunk", "0" } },
                ParentTraceContext = WireSamples.Trace(),
            },
        },
        ["CreateSubOrchestration"] = new P.OrchestratorAction
        {
            Id = 1,
            CreateSubOrchestration = new P.CreateSubOrchestrationAction
            {
                InstanceId = "batch-1",
                Name = "SweepBatch",
                Version = "2",
                Input = "[4,5]",
                ParentTraceContext = WireSamples.Trace(),
                Tags = { { "batch", "1" } },
            },
        },
        ["CreateTimer"] = new P.OrchestratorAction { Id = 2, CreateTimer = new P.CreateTimerAction { FireAt = WireSamples.Time(WireSamples.FireAt) } },
        ["SendEvent"] = new P.OrchestratorAction
        {
            Id = 3,
            SendEvent = new P.SendEventAction
            {
                Instance = new P.OrchestrationInstance { InstanceId = "sweep-1", ExecutionId = "exec-9" },
                Name = "BatchDone",
                Data = string.Empty,
            },
        },
        ["CompleteOrchestration"] = new P.OrchestratorAction
        {
            Id = 4,
            CompleteOrchestration = new P.CompleteOrchestrationAction
            {
                OrchestrationStatus = P.OrchestrationStatus.Failed,
                Details = "details",
                NewVersion = "3",
                FailureDetails = WireSamples.NestedFailure(),
                Tags = { { "outcome", "quota" } },
            },
        },
        ["ContinueAsNew"] = new P.OrchestratorAction
        {
            Id = 5,
            CompleteOrchestration = new P.CompleteOrchestrationAction
            {
                OrchestrationStatus = P.OrchestrationStatus.ContinuedAsNew,
                Result = "{\"chunk\":8}",
                CarryoverEvents =
                {
                    new P.HistoryEvent { EventId = -1, Timestamp = WireSamples.Time(WireSamples.At), EventRaised = new P.EventRaisedEvent { Name = "Pause", Input = "1" } },
                    new P.HistoryEvent { EventId = -1, Timestamp = WireSamples.Time(WireSamples.FireAt), EventRaised = new P.EventRaisedEvent { Name = "Resume" } },
                },
            },
        },
        ["TerminateOrchestration"] = new P.OrchestratorAction
        {
            Id = 6,
            TerminateOrchestration = new P.TerminateOrchestrationAction { InstanceId = "run-9", Reason = "\"superseded\"", Recurse = true },
        },
    };

    [Fact]
    public void ToProto_ScheduleTask_WritesEveryField()
    {
        var action = new ScheduleTaskAction(3, "RunSimulationChunk", "1", "{\"chunk\":3}", new Dictionary<string, string> { ["chunk"] = "3" }, Trace);

        var proto = OrchestratorActionProtocol.ToProto(action);

        Assert.Equal(3, proto.Id);
        Assert.Equal(P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask, proto.OrchestratorActionTypeCase);
        Assert.Equal("RunSimulationChunk", proto.ScheduleTask.Name);
        Assert.Equal("1", proto.ScheduleTask.Version);
        Assert.Equal("{\"chunk\":3}", proto.ScheduleTask.Input);
        Assert.Equal("3", proto.ScheduleTask.Tags["chunk"]);
        Assert.Equal(WireSamples.Trace(), proto.ScheduleTask.ParentTraceContext);
    }

    [Fact]
    public void ToProto_ScheduleTaskWithNulls_LeavesWrappersAbsent()
    {
        var proto = OrchestratorActionProtocol.ToProto(new ScheduleTaskAction(0, "Echo", null, null));

        Assert.Null(proto.ScheduleTask.Version);
        Assert.Null(proto.ScheduleTask.Input);
        Assert.Empty(proto.ScheduleTask.Tags);
        Assert.Null(proto.ScheduleTask.ParentTraceContext);
        // An absent wrapper is not written at all; an empty one would be.
        Assert.Equal(new P.ScheduleTaskAction { Name = "Echo" }.ToByteArray(), proto.ScheduleTask.ToByteArray());
    }

    [Fact]
    public void ToProto_CreateSubOrchestration_WritesEveryField()
    {
        var action = new CreateSubOrchestrationAction(1, "batch-1", "SweepBatch", "2", "[4,5]", Trace, new Dictionary<string, string> { ["batch"] = "1" });

        var proto = OrchestratorActionProtocol.ToProto(action);

        Assert.Equal(1, proto.Id);
        var create = proto.CreateSubOrchestration;
        Assert.Equal("batch-1", create.InstanceId);
        Assert.Equal("SweepBatch", create.Name);
        Assert.Equal("2", create.Version);
        Assert.Equal("[4,5]", create.Input);
        Assert.Equal(WireSamples.Trace(), create.ParentTraceContext);
        Assert.Equal("1", create.Tags["batch"]);
    }

    [Fact]
    public void ToProto_CreateTimer_WritesFireAt()
    {
        var proto = OrchestratorActionProtocol.ToProto(new CreateTimerAction(2, WireSamples.FireAt));

        Assert.Equal(2, proto.Id);
        Assert.Equal(WireSamples.Time(WireSamples.FireAt), proto.CreateTimer.FireAt);
    }

    [Fact]
    public void ToProto_SendEvent_WritesReceiverNameAndData()
    {
        var proto = OrchestratorActionProtocol.ToProto(new SendEventAction(3, new OrchestrationInstance("sweep-1"), "BatchDone", "{\"batch\":1}"));

        Assert.Equal(3, proto.Id);
        Assert.Equal("sweep-1", proto.SendEvent.Instance.InstanceId);
        Assert.Null(proto.SendEvent.Instance.ExecutionId);
        Assert.Equal("BatchDone", proto.SendEvent.Name);
        Assert.Equal("{\"batch\":1}", proto.SendEvent.Data);
    }

    [Fact]
    public void ToProto_CompleteOrchestrationFailed_WritesNestedFailureAndNonRetriable()
    {
        var action = new CompleteOrchestrationAction(4, OrchestrationStatus.Failed, null, "details", FailureDetails: Failure, Tags: new Dictionary<string, string> { ["outcome"] = "quota" });

        var proto = OrchestratorActionProtocol.ToProto(action);

        Assert.Equal(4, proto.Id);
        var complete = proto.CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Failed, complete.OrchestrationStatus);
        Assert.Null(complete.Result);
        Assert.Equal("details", complete.Details);
        Assert.Null(complete.NewVersion);
        Assert.Empty(complete.CarryoverEvents);
        Assert.Equal(WireSamples.NestedFailure(), complete.FailureDetails);
        Assert.Equal("quota", complete.Tags["outcome"]);
    }

    [Fact]
    public void ToProto_CompleteOrchestrationCompleted_WritesResultWithoutFailure()
    {
        var proto = OrchestratorActionProtocol.ToProto(new CompleteOrchestrationAction(7, OrchestrationStatus.Completed, "\"done\""));

        Assert.Equal(P.OrchestrationStatus.Completed, proto.CompleteOrchestration.OrchestrationStatus);
        Assert.Equal("\"done\"", proto.CompleteOrchestration.Result);
        Assert.Null(proto.CompleteOrchestration.FailureDetails);
    }

    [Fact]
    public void ToProto_ContinueAsNew_WritesNewInputVersionAndCarryoverEvents()
    {
        var carried = new HistoryEvent[]
        {
            new EventRaisedEvent(-1, WireSamples.At, "Pause", "1"),
            new EventRaisedEvent(-1, WireSamples.FireAt, "Resume", null),
        };
        var action = new CompleteOrchestrationAction(5, OrchestrationStatus.ContinuedAsNew, "{\"chunk\":8}", NewVersion: "3", CarryoverEvents: carried);

        var complete = OrchestratorActionProtocol.ToProto(action).CompleteOrchestration;

        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, complete.OrchestrationStatus);
        Assert.Equal("{\"chunk\":8}", complete.Result);
        Assert.Equal("3", complete.NewVersion);
        Assert.Equal(2, complete.CarryoverEvents.Count);
        Assert.Equal(-1, complete.CarryoverEvents[0].EventId);
        Assert.Equal(WireSamples.Time(WireSamples.At), complete.CarryoverEvents[0].Timestamp);
        Assert.Equal("Pause", complete.CarryoverEvents[0].EventRaised.Name);
        Assert.Equal("1", complete.CarryoverEvents[0].EventRaised.Input);
        Assert.Equal(WireSamples.Time(WireSamples.FireAt), complete.CarryoverEvents[1].Timestamp);
        Assert.Equal("Resume", complete.CarryoverEvents[1].EventRaised.Name);
        Assert.Null(complete.CarryoverEvents[1].EventRaised.Input);
    }

    [Fact]
    public void ToProto_TerminateOrchestration_WritesEveryField()
    {
        var proto = OrchestratorActionProtocol.ToProto(new TerminateOrchestrationAction(6, "run-9", "\"superseded\"", Recurse: true));

        Assert.Equal(6, proto.Id);
        Assert.Equal("run-9", proto.TerminateOrchestration.InstanceId);
        Assert.Equal("\"superseded\"", proto.TerminateOrchestration.Reason);
        Assert.True(proto.TerminateOrchestration.Recurse);
    }

    [Fact]
    public void ToDurable_WireScheduleTask_ReadsEveryField()
    {
        var action = Assert.IsType<ScheduleTaskAction>(OrchestratorActionProtocol.ToDurable(WireActions()["ScheduleTask"]));

        Assert.Equal(0, action.Id);
        Assert.Equal("RunSimulationChunk", action.Name);
        Assert.Equal("1", action.Version);
        Assert.Equal("{\"chunk\":0}", action.Input);
        Assert.NotNull(action.Tags);
        Assert.Equal("0", action.Tags["chunk"]);
        Assert.Equal(Trace, action.ParentTraceContext);
    }

    [Fact]
    public void ToDurable_WireCreateSubOrchestration_ReadsEveryField()
    {
        var action = Assert.IsType<CreateSubOrchestrationAction>(OrchestratorActionProtocol.ToDurable(WireActions()["CreateSubOrchestration"]));

        Assert.Equal(1, action.Id);
        Assert.Equal("batch-1", action.InstanceId);
        Assert.Equal("SweepBatch", action.Name);
        Assert.Equal("2", action.Version);
        Assert.Equal("[4,5]", action.Input);
        Assert.Equal(Trace, action.ParentTraceContext);
        Assert.NotNull(action.Tags);
        Assert.Equal("1", action.Tags["batch"]);
    }

    [Fact]
    public void ToDurable_WireCreateTimerAndSendEvent_ReadEveryField()
    {
        var timer = Assert.IsType<CreateTimerAction>(OrchestratorActionProtocol.ToDurable(WireActions()["CreateTimer"]));
        var send = Assert.IsType<SendEventAction>(OrchestratorActionProtocol.ToDurable(WireActions()["SendEvent"]));

        Assert.Equal(new CreateTimerAction(2, WireSamples.FireAt), timer);
        Assert.Equal(DateTimeKind.Utc, timer.FireAt.Kind);
        Assert.Equal(new SendEventAction(3, new OrchestrationInstance("sweep-1", "exec-9"), "BatchDone", string.Empty), send);
    }

    [Fact]
    public void ToDurable_WireCompleteOrchestration_ReadsNestedFailure()
    {
        var action = Assert.IsType<CompleteOrchestrationAction>(OrchestratorActionProtocol.ToDurable(WireActions()["CompleteOrchestration"]));

        Assert.Equal(4, action.Id);
        Assert.Equal(OrchestrationStatus.Failed, action.OrchestrationStatus);
        Assert.Null(action.Result);
        Assert.Equal("details", action.Details);
        Assert.Equal("3", action.NewVersion);
        Assert.Null(action.CarryoverEvents);
        HistoryEventProtocolTests.AssertNestedFailure(action.FailureDetails);
        Assert.NotNull(action.Tags);
        Assert.Equal("quota", action.Tags["outcome"]);
    }

    [Fact]
    public void ToDurable_WireContinueAsNew_ReadsCarryoverEvents()
    {
        var action = Assert.IsType<CompleteOrchestrationAction>(OrchestratorActionProtocol.ToDurable(WireActions()["ContinueAsNew"]));

        Assert.Equal(OrchestrationStatus.ContinuedAsNew, action.OrchestrationStatus);
        Assert.Equal("{\"chunk\":8}", action.Result);
        Assert.NotNull(action.CarryoverEvents);
        Assert.Collection(
            action.CarryoverEvents,
            e => Assert.Equal(new EventRaisedEvent(-1, WireSamples.At, "Pause", "1"), e),
            e => Assert.Equal(new EventRaisedEvent(-1, WireSamples.FireAt, "Resume", null), e));
    }

    [Fact]
    public void ToDurable_WireTerminateOrchestration_ReadsEveryField()
    {
        Assert.Equal(
            new TerminateOrchestrationAction(6, "run-9", "\"superseded\"", Recurse: true),
            OrchestratorActionProtocol.ToDurable(WireActions()["TerminateOrchestration"]));
    }

    [Theory]
    [MemberData(nameof(WireActionNames))]
    public void ToProto_AfterToDurable_EqualsTheOriginalAction(string name)
    {
        var original = WireActions()[name];

        var roundTripped = OrchestratorActionProtocol.ToProto(OrchestratorActionProtocol.ToDurable(original));

        Assert.Equal(original.Id, roundTripped.Id);
        Assert.Equal(original.OrchestratorActionTypeCase, roundTripped.OrchestratorActionTypeCase);
        Assert.Equal(original, roundTripped);
        Assert.Equal(original.ToByteArray(), roundTripped.ToByteArray());
    }

    [Fact]
    public void ToDurable_EntityAction_IsRejectedAsUnsupported()
    {
        var proto = new P.OrchestratorAction
        {
            Id = 1,
            SendEntityMessage = new P.SendEntityMessageAction { EntityOperationSignaled = new P.EntityOperationSignaledEvent { RequestId = "r" } },
        };

        var ex = Assert.Throws<DurableProtocolException>(() => OrchestratorActionProtocol.ToDurable(proto));

        Assert.Equal(ProtocolErrorTypes.UnsupportedFeature, ex.ErrorType);
    }

    [Fact]
    public void ToDurable_SendEventWithoutInstance_Throws()
    {
        var proto = new P.OrchestratorAction { Id = 3, SendEvent = new P.SendEventAction { Name = "x" } };

        var ex = Assert.Throws<DurableProtocolException>(() => OrchestratorActionProtocol.ToDurable(proto));

        Assert.Contains("instance", ex.Message, StringComparison.Ordinal);
    }
}
