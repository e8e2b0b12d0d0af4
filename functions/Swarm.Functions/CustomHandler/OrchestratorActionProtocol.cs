using Swarm.Durable.History;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Translation of orchestrator actions between Swarm.Durable (<see cref="OrchestratorAction"/>) and the durabletask wire
/// schema (<see cref="P.OrchestratorAction"/>); every Swarm.Durable action type maps to exactly one wire action type.
/// </summary>
/// <remarks>
/// The Functions host accepts ScheduleTask, CreateSubOrchestration, CreateTimer, SendEvent and CompleteOrchestration
/// from an out-of-process worker, and of the ContinueAsNew carryover events only EventRaised ones (which is all the
/// executor carries over). TerminateOrchestration translates but the host does not accept it from a worker;
/// Swarm.Durable's orchestration context never asks for it.
/// </remarks>
public static class OrchestratorActionProtocol
{
    /// <summary>The wire form of a Swarm.Durable action.</summary>
    public static P.OrchestratorAction ToProto(OrchestratorAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var proto = new P.OrchestratorAction { Id = action.Id };
        switch (action)
        {
            case ScheduleTaskAction a:
                proto.ScheduleTask = new P.ScheduleTaskAction
                {
                    Name = a.Name,
                    Version = a.Version,
                    Input = a.Input,
                    ParentTraceContext = ProtocolValues.ToProto(a.ParentTraceContext),
                };
                ProtocolValues.CopyTags(a.Tags, proto.ScheduleTask.Tags);
                break;
            case CreateSubOrchestrationAction a:
                proto.CreateSubOrchestration = new P.CreateSubOrchestrationAction
                {
                    InstanceId = a.InstanceId,
                    Name = a.Name,
                    Version = a.Version,
                    Input = a.Input,
                    ParentTraceContext = ProtocolValues.ToProto(a.ParentTraceContext),
                };
                ProtocolValues.CopyTags(a.Tags, proto.CreateSubOrchestration.Tags);
                break;
            case CreateTimerAction a:
                proto.CreateTimer = new P.CreateTimerAction { FireAt = ProtocolValues.ToTimestamp(a.FireAt) };
                break;
            case SendEventAction a:
                proto.SendEvent = new P.SendEventAction
                {
                    Instance = ProtocolValues.ToProto(a.Instance),
                    Name = a.Name,
                    Data = a.Data,
                };
                break;
            case CompleteOrchestrationAction a:
                proto.CompleteOrchestration = new P.CompleteOrchestrationAction
                {
                    OrchestrationStatus = ProtocolValues.ToProto(a.OrchestrationStatus),
                    Result = a.Result,
                    Details = a.Details,
                    NewVersion = a.NewVersion,
                    FailureDetails = FailureDetailsProtocol.ToProto(a.FailureDetails),
                };
                if (a.CarryoverEvents is { } carryover)
                {
                    foreach (var carried in carryover)
                    {
                        proto.CompleteOrchestration.CarryoverEvents.Add(HistoryEventProtocol.ToProto(carried));
                    }
                }

                ProtocolValues.CopyTags(a.Tags, proto.CompleteOrchestration.Tags);
                break;
            case TerminateOrchestrationAction a:
                proto.TerminateOrchestration = new P.TerminateOrchestrationAction
                {
                    InstanceId = a.InstanceId,
                    Reason = a.Reason,
                    Recurse = a.Recurse,
                };
                break;
            default:
                ProtocolThrowHelper.ThrowNoWireForm(action.GetType());
                break;
        }

        return proto;
    }

    /// <summary>The Swarm.Durable form of a wire action.</summary>
    /// <exception cref="DurableProtocolException">A required field is missing or invalid, or the action type is not supported.</exception>
    public static OrchestratorAction ToDurable(P.OrchestratorAction proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        try
        {
            return Translate(proto);
        }
        catch (DurableProtocolException ex)
        {
            throw ProtocolThrowHelper.At($"OrchestratorAction {proto.OrchestratorActionTypeCase} (id {proto.Id})", ex);
        }
    }

    private static OrchestratorAction Translate(P.OrchestratorAction proto)
    {
        var id = proto.Id;
        switch (proto.OrchestratorActionTypeCase)
        {
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                var schedule = proto.ScheduleTask;
                return new ScheduleTaskAction(
                    id,
                    schedule.Name,
                    schedule.Version,
                    schedule.Input,
                    ProtocolValues.ToDurable(schedule.Tags),
                    ProtocolValues.ToDurable(schedule.ParentTraceContext));
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                var create = proto.CreateSubOrchestration;
                return new CreateSubOrchestrationAction(
                    id,
                    create.InstanceId,
                    create.Name,
                    create.Version,
                    create.Input,
                    ProtocolValues.ToDurable(create.ParentTraceContext),
                    ProtocolValues.ToDurable(create.Tags));
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                return new CreateTimerAction(id, ProtocolValues.ToDateTime(proto.CreateTimer.FireAt, "fireAt"));
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                var send = proto.SendEvent;
                return new SendEventAction(id, ProtocolValues.ToDurable(send.Instance, "instance"), send.Name, send.Data);
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                var complete = proto.CompleteOrchestration;
                return new CompleteOrchestrationAction(
                    id,
                    ProtocolValues.ToDurable(complete.OrchestrationStatus, "orchestrationStatus"),
                    complete.Result,
                    complete.Details,
                    complete.NewVersion,
                    complete.CarryoverEvents.Count == 0 ? null : complete.CarryoverEvents.Select(HistoryEventProtocol.ToDurable).ToList(),
                    FailureDetailsProtocol.ToDurable(complete.FailureDetails),
                    ProtocolValues.ToDurable(complete.Tags));
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.TerminateOrchestration:
                var terminate = proto.TerminateOrchestration;
                return new TerminateOrchestrationAction(id, terminate.InstanceId, terminate.Reason, terminate.Recurse);
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.None:
                throw ProtocolThrowHelper.NoType();
            default:
                throw ProtocolThrowHelper.Unsupported();
        }
    }
}
