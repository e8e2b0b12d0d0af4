using Google.Protobuf.Reflection;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// The wire schema must match the public durabletask schema (microsoft/durabletask-protobuf,
/// protos/orchestrator_service.proto) name for name and number for number, or the Functions host and this worker
/// would silently misread each other. The table lists every field of every message declared here, as published.
/// </summary>
public sealed class WireSchemaTests
{
    private static readonly string[] PublicSchema =
    [
        "OrchestrationInstance: instanceId=1 executionId=2",
        "TaskFailureDetails: errorType=1 errorMessage=2 stackTrace=3 innerFailure=4 isNonRetriable=5 properties=6",
        "ParentInstanceInfo: taskScheduledId=1 name=2 version=3 orchestrationInstance=4",
        "TraceContext: traceParent=1 spanID=2 traceState=3",
        "OrchestrationState: instanceId=1 name=2 version=3 orchestrationStatus=4 scheduledStartTimestamp=5 createdTimestamp=6 lastUpdatedTimestamp=7 input=8 output=9 customStatus=10 failureDetails=11 executionId=12 completedTimestamp=13 parentInstanceId=14 tags=15",
        "ExecutionStartedEvent: name=1 version=2 input=3 orchestrationInstance=4 parentInstance=5 scheduledStartTimestamp=6 parentTraceContext=7 orchestrationSpanID=8 tags=9",
        "ExecutionCompletedEvent: orchestrationStatus=1 result=2 failureDetails=3",
        "ExecutionTerminatedEvent: input=1 recurse=2",
        "TaskScheduledEvent: name=1 version=2 input=3 parentTraceContext=4 tags=5",
        "TaskCompletedEvent: taskScheduledId=1 result=2",
        "TaskFailedEvent: taskScheduledId=1 failureDetails=2",
        "SubOrchestrationInstanceCreatedEvent: instanceId=1 name=2 version=3 input=4 parentTraceContext=5 tags=6",
        "SubOrchestrationInstanceCompletedEvent: taskScheduledId=1 result=2",
        "SubOrchestrationInstanceFailedEvent: taskScheduledId=1 failureDetails=2",
        "TimerCreatedEvent: fireAt=1",
        "TimerFiredEvent: fireAt=1 timerId=2",
        "OrchestratorStartedEvent: ",
        "OrchestratorCompletedEvent: ",
        "EventSentEvent: instanceId=1 name=2 input=3",
        "EventRaisedEvent: name=1 input=2",
        "GenericEvent: data=1",
        "HistoryStateEvent: orchestrationState=1",
        "ContinueAsNewEvent: input=1",
        "ExecutionSuspendedEvent: input=1",
        "ExecutionResumedEvent: input=1",
        "EntityOperationSignaledEvent: requestId=1 operation=2 scheduledTime=3 input=4 targetInstanceId=5",
        "EntityOperationCalledEvent: requestId=1 operation=2 scheduledTime=3 input=4 parentInstanceId=5 parentExecutionId=6 targetInstanceId=7",
        "EntityLockRequestedEvent: criticalSectionId=1 lockSet=2 position=3 parentInstanceId=4",
        "EntityOperationCompletedEvent: requestId=1 output=2",
        "EntityOperationFailedEvent: requestId=1 failureDetails=2",
        "EntityUnlockSentEvent: criticalSectionId=1 parentInstanceId=2 targetInstanceId=3",
        "EntityLockGrantedEvent: criticalSectionId=1",
        "ExecutionRewoundEvent: reason=1 parentExecutionId=2 instanceId=3 parentTraceContext=4 name=5 version=6 input=7 parentInstance=8 tags=9",
        "HistoryEvent: eventId=1 timestamp=2 executionStarted=3 executionCompleted=4 executionTerminated=5 taskScheduled=6 taskCompleted=7 taskFailed=8 subOrchestrationInstanceCreated=9 subOrchestrationInstanceCompleted=10 subOrchestrationInstanceFailed=11 timerCreated=12 timerFired=13 orchestratorStarted=14 orchestratorCompleted=15 eventSent=16 eventRaised=17 genericEvent=18 historyState=19 continueAsNew=20 executionSuspended=21 executionResumed=22 entityOperationSignaled=23 entityOperationCalled=24 entityOperationCompleted=25 entityOperationFailed=26 entityLockRequested=27 entityLockGranted=28 entityUnlockSent=29 executionRewound=30",
        "ScheduleTaskAction: name=1 version=2 input=3 tags=4 parentTraceContext=5",
        "CreateSubOrchestrationAction: instanceId=1 name=2 version=3 input=4 parentTraceContext=5 tags=6",
        "CreateTimerAction: fireAt=1",
        "SendEventAction: instance=1 name=2 data=3",
        "CompleteOrchestrationAction: orchestrationStatus=1 result=2 details=3 newVersion=4 carryoverEvents=5 failureDetails=6 tags=7",
        "TerminateOrchestrationAction: instanceId=1 reason=2 recurse=3",
        "SendEntityMessageAction: entityOperationSignaled=1 entityOperationCalled=2 entityLockRequested=3 entityUnlockSent=4",
        "RewindOrchestrationAction: newHistory=1",
        "OrchestratorAction: id=1 scheduleTask=2 createSubOrchestration=3 createTimer=4 sendEvent=5 completeOrchestration=6 terminateOrchestration=7 sendEntityMessage=8 rewindOrchestration=9",
        "OrchestrationTraceContext: spanID=1 spanStartTime=2",
        "OrchestratorEntityParameters: entityMessageReorderWindow=1",
        "OrchestratorRequest: instanceId=1 executionId=2 pastEvents=3 newEvents=4 entityParameters=5 requiresHistoryStreaming=6 properties=7 orchestrationTraceContext=8",
        "OrchestratorResponse: instanceId=1 actions=2 customStatus=3 completionToken=4 numEventsProcessed=5 orchestrationTraceContext=6 requiresHistory=7 isPartial=8 chunkIndex=9",
    ];

    public static TheoryData<string> Messages() => new(PublicSchema);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_Fields_MatchThePublicSchemaExactly(string row)
    {
        var name = row[..row.IndexOf(':', StringComparison.Ordinal)];
        var expected = row[(name.Length + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .Select(pair => (Name: pair[0], Number: int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        var descriptor = P.OrchestratorServiceReflection.Descriptor.FindTypeByName<MessageDescriptor>(name);

        Assert.NotNull(descriptor);
        // No proto package, like the public file, so full names (and anything keyed by them) are identical.
        Assert.Equal(name, descriptor.FullName);
        Assert.Equal(expected, descriptor.Fields.InDeclarationOrder().Select(f => (f.Name, f.FieldNumber)).ToList());
    }

    [Fact]
    public void Schema_DeclaresEveryMessageInTheTableAndNoOther()
    {
        var declared = P.OrchestratorServiceReflection.Descriptor.MessageTypes.Select(m => m.Name).Order(StringComparer.Ordinal);
        var listed = PublicSchema.Select(row => row[..row.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal);

        Assert.Equal(listed, declared);
        Assert.Empty(P.OrchestratorServiceReflection.Descriptor.Services);
    }

    [Fact]
    public void OrchestrationStatus_Values_MatchThePublicSchema()
    {
        var values = P.OrchestratorServiceReflection.Descriptor.FindTypeByName<EnumDescriptor>("OrchestrationStatus").Values
            .Select(v => (v.Name, v.Number));

        Assert.Equal(
            [
                ("ORCHESTRATION_STATUS_RUNNING", 0),
                ("ORCHESTRATION_STATUS_COMPLETED", 1),
                ("ORCHESTRATION_STATUS_CONTINUED_AS_NEW", 2),
                ("ORCHESTRATION_STATUS_FAILED", 3),
                ("ORCHESTRATION_STATUS_CANCELED", 4),
                ("ORCHESTRATION_STATUS_TERMINATED", 5),
                ("ORCHESTRATION_STATUS_PENDING", 6),
                ("ORCHESTRATION_STATUS_SUSPENDED", 7),
            ],
            values);
    }

    [Theory]
    [InlineData("HistoryEvent", "eventType", 3, 30)]
    [InlineData("OrchestratorAction", "orchestratorActionType", 2, 9)]
    public void Oneof_EventAndActionTypes_SpanThePublicFieldNumbers(string message, string oneof, int first, int last)
    {
        var descriptor = P.OrchestratorServiceReflection.Descriptor.FindTypeByName<MessageDescriptor>(message);

        var members = Assert.Single(descriptor.Oneofs, o => o.Name == oneof).Fields.Select(f => f.FieldNumber);

        Assert.Equal(Enumerable.Range(first, last - first + 1), members);
    }
}
