using System.Text.Json.Serialization;

namespace Swarm.Durable.History;

/// <summary>
/// One event of an orchestration's history; mirrors the protobuf <c>HistoryEvent</c> (event id, timestamp and
/// exactly one event type), so translating to and from the wire schema is a field-by-field copy.
/// </summary>
/// <remarks>
/// <see cref="EventId"/> is the id of the orchestrator action that produced the event (TaskScheduled, TimerCreated,
/// SubOrchestrationInstanceCreated, EventSent) and -1 for events that arrive from outside.
/// </remarks>
/// <param name="EventId">The action id for action-produced events, otherwise -1.</param>
/// <param name="Timestamp">When the event happened (UTC).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "executionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "executionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "executionTerminated")]
[JsonDerivedType(typeof(TaskScheduledEvent), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "taskFailed")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "subOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "subOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "subOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "timerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "timerFired")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "orchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "orchestratorCompleted")]
[JsonDerivedType(typeof(EventSentEvent), "eventSent")]
[JsonDerivedType(typeof(EventRaisedEvent), "eventRaised")]
[JsonDerivedType(typeof(GenericEvent), "genericEvent")]
[JsonDerivedType(typeof(ContinueAsNewEvent), "continueAsNew")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "executionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "executionResumed")]
public abstract record HistoryEvent(int EventId, DateTime Timestamp);
