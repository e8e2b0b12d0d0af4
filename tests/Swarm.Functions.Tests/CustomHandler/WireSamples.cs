using Google.Protobuf.WellKnownTypes;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// Wire messages built field by field from the public schema (never through the translator under test), one per
/// history event type and action type, with every field the Swarm.Durable model keeps set to a distinct value.
/// </summary>
internal static class WireSamples
{
    /// <summary>A time with sub-millisecond ticks, so precision loss would show.</summary>
    public static readonly DateTime At = new DateTime(2026, 3, 14, 15, 9, 26, DateTimeKind.Utc).AddTicks(5_358_979);

    public static readonly DateTime FireAt = new DateTime(2026, 3, 14, 16, 0, 0, DateTimeKind.Utc).AddTicks(1);

    public static Timestamp Time(DateTime utc) => Timestamp.FromDateTime(utc);

    public static P.TaskFailureDetails NestedFailure() => new()
    {
        ErrorType = "Swarm.Orchestrations.QuotaExceededException",
        ErrorMessage = "quota exceeded",
        StackTrace = "   at Outer()",
        IsNonRetriable = true,
        InnerFailure = new P.TaskFailureDetails
        {
            ErrorType = "System.InvalidOperationException",
            ErrorMessage = "middle",
            StackTrace = string.Empty,
            InnerFailure = new P.TaskFailureDetails
            {
                ErrorType = "System.IO.IOException",
                ErrorMessage = "disk gone",
            },
        },
    };

    public static P.TraceContext Trace() => new() { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", TraceState = "congo=t61rcWkgMzE" };

    public static P.HistoryEvent ExecutionStarted() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        ExecutionStarted = new P.ExecutionStartedEvent
        {
            Name = "SimulationRun",
            Version = "2",
            Input = "{\"runId\":\"r-1\"}",
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "run-1", ExecutionId = "exec-1" },
            ParentInstance = new P.ParentInstanceInfo
            {
                TaskScheduledId = 4,
                Name = "ParameterSweep",
                Version = "1",
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "sweep-1", ExecutionId = "exec-0" },
            },
            ScheduledStartTimestamp = Time(FireAt),
            ParentTraceContext = Trace(),
            Tags = { { "owner", "swarm" }, { "tier", "gold" } },
        },
    };

    public static P.HistoryEvent ExecutionCompleted() => new()
    {
        EventId = 9,
        Timestamp = Time(At),
        ExecutionCompleted = new P.ExecutionCompletedEvent
        {
            OrchestrationStatus = P.OrchestrationStatus.Failed,
            Result = string.Empty,
            FailureDetails = NestedFailure(),
        },
    };

    public static P.HistoryEvent ExecutionTerminated() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = "\"operator\"", Recurse = true },
    };

    public static P.HistoryEvent TaskScheduled() => new()
    {
        EventId = 3,
        Timestamp = Time(At),
        TaskScheduled = new P.TaskScheduledEvent
        {
            Name = "RunSimulationChunk",
            Version = "1.1",
            Input = "{\"chunk\":3}",
            ParentTraceContext = Trace(),
            Tags = { { "chunk", "3" } },
        },
    };

    public static P.HistoryEvent TaskCompleted() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = 3, Result = "42" },
    };

    public static P.HistoryEvent TaskFailed() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        TaskFailed = new P.TaskFailedEvent { TaskScheduledId = 3, FailureDetails = NestedFailure() },
    };

    public static P.HistoryEvent SubOrchestrationInstanceCreated() => new()
    {
        EventId = 5,
        Timestamp = Time(At),
        SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
        {
            InstanceId = "batch-7",
            Name = "SweepBatch",
            Version = "3",
            Input = "[1,2,3]",
            ParentTraceContext = Trace(),
            Tags = { { "batch", "7" } },
        },
    };

    public static P.HistoryEvent SubOrchestrationInstanceCompleted() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = 5, Result = "\"done\"" },
    };

    public static P.HistoryEvent SubOrchestrationInstanceFailed() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent { TaskScheduledId = 5, FailureDetails = NestedFailure() },
    };

    public static P.HistoryEvent TimerCreated() => new()
    {
        EventId = 6,
        Timestamp = Time(At),
        TimerCreated = new P.TimerCreatedEvent { FireAt = Time(FireAt) },
    };

    public static P.HistoryEvent TimerFired() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        TimerFired = new P.TimerFiredEvent { FireAt = Time(FireAt), TimerId = 6 },
    };

    public static P.HistoryEvent OrchestratorStarted() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        OrchestratorStarted = new P.OrchestratorStartedEvent(),
    };

    public static P.HistoryEvent OrchestratorCompleted() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        OrchestratorCompleted = new P.OrchestratorCompletedEvent(),
    };

    public static P.HistoryEvent EventSent() => new()
    {
        EventId = 7,
        Timestamp = Time(At),
        EventSent = new P.EventSentEvent { InstanceId = "sweep-1", Name = "BatchDone", Input = "{\"batch\":7}" },
    };

    public static P.HistoryEvent EventRaised() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        EventRaised = new P.EventRaisedEvent { Name = "Approval", Input = "true" },
    };

    public static P.HistoryEvent GenericEvent() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        GenericEvent = new P.GenericEvent { Data = "note" },
    };

    public static P.HistoryEvent ContinueAsNew() => new()
    {
        EventId = 8,
        Timestamp = Time(At),
        ContinueAsNew = new P.ContinueAsNewEvent { Input = "{\"next\":2}" },
    };

    public static P.HistoryEvent ExecutionSuspended() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        ExecutionSuspended = new P.ExecutionSuspendedEvent { Input = "\"maintenance\"" },
    };

    public static P.HistoryEvent ExecutionResumed() => new()
    {
        EventId = -1,
        Timestamp = Time(At),
        ExecutionResumed = new P.ExecutionResumedEvent { Input = "\"back\"" },
    };

    /// <summary>Every event type Swarm.Durable has, by name.</summary>
    public static IEnumerable<(string Name, P.HistoryEvent Event)> AllEvents() =>
    [
        (nameof(ExecutionStarted), ExecutionStarted()),
        (nameof(ExecutionCompleted), ExecutionCompleted()),
        (nameof(ExecutionTerminated), ExecutionTerminated()),
        (nameof(TaskScheduled), TaskScheduled()),
        (nameof(TaskCompleted), TaskCompleted()),
        (nameof(TaskFailed), TaskFailed()),
        (nameof(SubOrchestrationInstanceCreated), SubOrchestrationInstanceCreated()),
        (nameof(SubOrchestrationInstanceCompleted), SubOrchestrationInstanceCompleted()),
        (nameof(SubOrchestrationInstanceFailed), SubOrchestrationInstanceFailed()),
        (nameof(TimerCreated), TimerCreated()),
        (nameof(TimerFired), TimerFired()),
        (nameof(OrchestratorStarted), OrchestratorStarted()),
        (nameof(OrchestratorCompleted), OrchestratorCompleted()),
        (nameof(EventSent), EventSent()),
        (nameof(EventRaised), EventRaised()),
        (nameof(GenericEvent), GenericEvent()),
        (nameof(ContinueAsNew), ContinueAsNew()),
        (nameof(ExecutionSuspended), ExecutionSuspended()),
        (nameof(ExecutionResumed), ExecutionResumed()),
    ];
}
