using Swarm.Durable.History;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Translation of history events between the durabletask wire schema (<see cref="P.HistoryEvent"/>) and Swarm.Durable
/// (<see cref="HistoryEvent"/>); every Swarm.Durable event type maps to exactly one wire event type and back.
/// </summary>
/// <remarks>
/// Not kept when reading: <c>ExecutionStartedEvent.orchestrationSpanID</c> and <c>TraceContext.spanID</c> (no
/// Swarm.Durable counterpart). Wire events with no Swarm.Durable counterpart (entity events, HistoryState,
/// ExecutionRewound) are rejected with <see cref="DurableProtocolException"/>; <see cref="OrchestratorRequestHandler"/>
/// drops the two that replay ignores before translating.
/// </remarks>
public static class HistoryEventProtocol
{
    /// <summary>The Swarm.Durable form of a wire history event.</summary>
    /// <exception cref="DurableProtocolException">A required field is missing or invalid, or the event type is not supported.</exception>
    public static HistoryEvent ToDurable(P.HistoryEvent proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        try
        {
            return Translate(proto);
        }
        catch (DurableProtocolException ex)
        {
            // Field names stay constant on the success path; the event's identity is added only when something is wrong.
            throw ProtocolThrowHelper.At($"HistoryEvent {proto.EventTypeCase} (id {proto.EventId})", ex);
        }
    }

    private static HistoryEvent Translate(P.HistoryEvent proto)
    {
        var id = proto.EventId;
        var at = ProtocolValues.ToDateTime(proto.Timestamp, "timestamp");
        switch (proto.EventTypeCase)
        {
            case P.HistoryEvent.EventTypeOneofCase.ExecutionStarted:
                var started = proto.ExecutionStarted;
                return new ExecutionStartedEvent(
                    id,
                    at,
                    started.Name,
                    started.Version,
                    started.Input,
                    ProtocolValues.ToDurable(started.OrchestrationInstance, "orchestrationInstance"),
                    ProtocolValues.ToDurable(started.ParentInstance),
                    ProtocolValues.ToNullableDateTime(started.ScheduledStartTimestamp, "scheduledStartTimestamp"),
                    ProtocolValues.ToDurable(started.ParentTraceContext),
                    ProtocolValues.ToDurable(started.Tags));
            case P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted:
                var completed = proto.ExecutionCompleted;
                return new ExecutionCompletedEvent(
                    id,
                    at,
                    ProtocolValues.ToDurable(completed.OrchestrationStatus, "orchestrationStatus"),
                    completed.Result,
                    FailureDetailsProtocol.ToDurable(completed.FailureDetails));
            case P.HistoryEvent.EventTypeOneofCase.ExecutionTerminated:
                return new ExecutionTerminatedEvent(id, at, proto.ExecutionTerminated.Input, proto.ExecutionTerminated.Recurse);
            case P.HistoryEvent.EventTypeOneofCase.TaskScheduled:
                var scheduled = proto.TaskScheduled;
                return new TaskScheduledEvent(
                    id,
                    at,
                    scheduled.Name,
                    scheduled.Version,
                    scheduled.Input,
                    ProtocolValues.ToDurable(scheduled.ParentTraceContext),
                    ProtocolValues.ToDurable(scheduled.Tags));
            case P.HistoryEvent.EventTypeOneofCase.TaskCompleted:
                return new TaskCompletedEvent(id, at, proto.TaskCompleted.TaskScheduledId, proto.TaskCompleted.Result);
            case P.HistoryEvent.EventTypeOneofCase.TaskFailed:
                return new TaskFailedEvent(
                    id,
                    at,
                    proto.TaskFailed.TaskScheduledId,
                    FailureDetailsProtocol.ToDurableRequired(proto.TaskFailed.FailureDetails, "failureDetails"));
            case P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated:
                var created = proto.SubOrchestrationInstanceCreated;
                return new SubOrchestrationInstanceCreatedEvent(
                    id,
                    at,
                    created.InstanceId,
                    created.Name,
                    created.Version,
                    created.Input,
                    ProtocolValues.ToDurable(created.ParentTraceContext),
                    ProtocolValues.ToDurable(created.Tags));
            case P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted:
                var subCompleted = proto.SubOrchestrationInstanceCompleted;
                return new SubOrchestrationInstanceCompletedEvent(id, at, subCompleted.TaskScheduledId, subCompleted.Result);
            case P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed:
                var subFailed = proto.SubOrchestrationInstanceFailed;
                return new SubOrchestrationInstanceFailedEvent(
                    id,
                    at,
                    subFailed.TaskScheduledId,
                    FailureDetailsProtocol.ToDurableRequired(subFailed.FailureDetails, "failureDetails"));
            case P.HistoryEvent.EventTypeOneofCase.TimerCreated:
                return new TimerCreatedEvent(id, at, ProtocolValues.ToDateTime(proto.TimerCreated.FireAt, "fireAt"));
            case P.HistoryEvent.EventTypeOneofCase.TimerFired:
                return new TimerFiredEvent(id, at, ProtocolValues.ToDateTime(proto.TimerFired.FireAt, "fireAt"), proto.TimerFired.TimerId);
            case P.HistoryEvent.EventTypeOneofCase.OrchestratorStarted:
                return new OrchestratorStartedEvent(id, at);
            case P.HistoryEvent.EventTypeOneofCase.OrchestratorCompleted:
                return new OrchestratorCompletedEvent(id, at);
            case P.HistoryEvent.EventTypeOneofCase.EventSent:
                return new EventSentEvent(id, at, proto.EventSent.InstanceId, proto.EventSent.Name, proto.EventSent.Input);
            case P.HistoryEvent.EventTypeOneofCase.EventRaised:
                return new EventRaisedEvent(id, at, proto.EventRaised.Name, proto.EventRaised.Input);
            case P.HistoryEvent.EventTypeOneofCase.GenericEvent:
                return new GenericEvent(id, at, proto.GenericEvent.Data);
            case P.HistoryEvent.EventTypeOneofCase.ContinueAsNew:
                return new ContinueAsNewEvent(id, at, proto.ContinueAsNew.Input);
            case P.HistoryEvent.EventTypeOneofCase.ExecutionSuspended:
                return new ExecutionSuspendedEvent(id, at, proto.ExecutionSuspended.Input);
            case P.HistoryEvent.EventTypeOneofCase.ExecutionResumed:
                return new ExecutionResumedEvent(id, at, proto.ExecutionResumed.Input);
            case P.HistoryEvent.EventTypeOneofCase.None:
                throw ProtocolThrowHelper.NoType();
            default:
                throw ProtocolThrowHelper.Unsupported();
        }
    }

    /// <summary>The wire form of a Swarm.Durable history event.</summary>
    public static P.HistoryEvent ToProto(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var proto = new P.HistoryEvent
        {
            EventId = historyEvent.EventId,
            Timestamp = ProtocolValues.ToTimestamp(historyEvent.Timestamp),
        };

        switch (historyEvent)
        {
            case ExecutionStartedEvent e:
                proto.ExecutionStarted = new P.ExecutionStartedEvent
                {
                    Name = e.Name,
                    Version = e.Version,
                    Input = e.Input,
                    OrchestrationInstance = ProtocolValues.ToProto(e.OrchestrationInstance),
                    ParentInstance = ProtocolValues.ToProto(e.ParentInstance),
                    ScheduledStartTimestamp = ProtocolValues.ToTimestamp(e.ScheduledStartTimestamp),
                    ParentTraceContext = ProtocolValues.ToProto(e.ParentTraceContext),
                };
                ProtocolValues.CopyTags(e.Tags, proto.ExecutionStarted.Tags);
                break;
            case ExecutionCompletedEvent e:
                proto.ExecutionCompleted = new P.ExecutionCompletedEvent
                {
                    OrchestrationStatus = ProtocolValues.ToProto(e.OrchestrationStatus),
                    Result = e.Result,
                    FailureDetails = FailureDetailsProtocol.ToProto(e.FailureDetails),
                };
                break;
            case ExecutionTerminatedEvent e:
                proto.ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = e.Input, Recurse = e.Recurse };
                break;
            case TaskScheduledEvent e:
                proto.TaskScheduled = new P.TaskScheduledEvent
                {
                    Name = e.Name,
                    Version = e.Version,
                    Input = e.Input,
                    ParentTraceContext = ProtocolValues.ToProto(e.ParentTraceContext),
                };
                ProtocolValues.CopyTags(e.Tags, proto.TaskScheduled.Tags);
                break;
            case TaskCompletedEvent e:
                proto.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = e.TaskScheduledId, Result = e.Result };
                break;
            case TaskFailedEvent e:
                proto.TaskFailed = new P.TaskFailedEvent
                {
                    TaskScheduledId = e.TaskScheduledId,
                    FailureDetails = FailureDetailsProtocol.ToProto(e.FailureDetails),
                };
                break;
            case SubOrchestrationInstanceCreatedEvent e:
                proto.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
                {
                    InstanceId = e.InstanceId,
                    Name = e.Name,
                    Version = e.Version,
                    Input = e.Input,
                    ParentTraceContext = ProtocolValues.ToProto(e.ParentTraceContext),
                };
                ProtocolValues.CopyTags(e.Tags, proto.SubOrchestrationInstanceCreated.Tags);
                break;
            case SubOrchestrationInstanceCompletedEvent e:
                proto.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent
                {
                    TaskScheduledId = e.TaskScheduledId,
                    Result = e.Result,
                };
                break;
            case SubOrchestrationInstanceFailedEvent e:
                proto.SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent
                {
                    TaskScheduledId = e.TaskScheduledId,
                    FailureDetails = FailureDetailsProtocol.ToProto(e.FailureDetails),
                };
                break;
            case TimerCreatedEvent e:
                proto.TimerCreated = new P.TimerCreatedEvent { FireAt = ProtocolValues.ToTimestamp(e.FireAt) };
                break;
            case TimerFiredEvent e:
                proto.TimerFired = new P.TimerFiredEvent { FireAt = ProtocolValues.ToTimestamp(e.FireAt), TimerId = e.TimerId };
                break;
            case OrchestratorStartedEvent:
                proto.OrchestratorStarted = new P.OrchestratorStartedEvent();
                break;
            case OrchestratorCompletedEvent:
                proto.OrchestratorCompleted = new P.OrchestratorCompletedEvent();
                break;
            case EventSentEvent e:
                proto.EventSent = new P.EventSentEvent { InstanceId = e.InstanceId, Name = e.Name, Input = e.Input };
                break;
            case EventRaisedEvent e:
                proto.EventRaised = new P.EventRaisedEvent { Name = e.Name, Input = e.Input };
                break;
            case GenericEvent e:
                proto.GenericEvent = new P.GenericEvent { Data = e.Data };
                break;
            case ContinueAsNewEvent e:
                proto.ContinueAsNew = new P.ContinueAsNewEvent { Input = e.Input };
                break;
            case ExecutionSuspendedEvent e:
                proto.ExecutionSuspended = new P.ExecutionSuspendedEvent { Input = e.Input };
                break;
            case ExecutionResumedEvent e:
                proto.ExecutionResumed = new P.ExecutionResumedEvent { Input = e.Input };
                break;
            default:
                ProtocolThrowHelper.ThrowNoWireForm(historyEvent.GetType());
                break;
        }

        return proto;
    }
}
