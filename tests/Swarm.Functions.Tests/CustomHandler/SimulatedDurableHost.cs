using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Swarm.Functions.CustomHandler;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// Plays the Durable extension's part for one instance: keeps its history as wire events, sends each episode to the
/// handler as a base64 <c>OrchestratorRequest</c> (past events + new events) and records the actions of the base64
/// response as history events the way the backend does, all with the Durable Task SDK's own protobuf types.
/// </summary>
internal sealed class SimulatedDurableHost(OrchestratorRequestHandler handler, string instanceId)
{
    private string _name = string.Empty;
    private int _execution;

    /// <summary>The committed history of the current execution; tests may edit it to simulate changed code.</summary>
    public List<P.HistoryEvent> History { get; } = [];

    /// <summary>The time of the latest episode (advances one minute per episode).</summary>
    public DateTime Now { get; private set; } = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>The requests sent so far, as the handler received them.</summary>
    public List<P.OrchestratorRequest> Requests { get; } = [];

    public string InstanceId => instanceId;

    /// <summary>Starts a new execution of <paramref name="name"/>; <paramref name="extra"/> arrive in the same episode.</summary>
    public P.OrchestratorResponse Start(string name, string? input, params P.HistoryEvent[] extra)
    {
        _name = name;
        _execution++;
        History.Clear();
        var started = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = Time(Now),
            ExecutionStarted = new P.ExecutionStartedEvent
            {
                Name = name,
                Input = input,
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instanceId, ExecutionId = $"exec-{_execution}" },
            },
        };
        return RunEpisode([started, .. extra]);
    }

    /// <summary>Starts the next execution the way the backend handles a ContinueAsNew completion.</summary>
    public P.OrchestratorResponse ContinueAsNew(P.CompleteOrchestrationAction completion)
    {
        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, completion.OrchestrationStatus);
        return Start(_name, completion.Result, [.. completion.CarryoverEvents]);
    }

    /// <summary>Runs one episode: an OrchestratorStarted event, then <paramref name="incoming"/>.</summary>
    public P.OrchestratorResponse RunEpisode(params P.HistoryEvent[] incoming)
    {
        Now = Now.AddMinutes(1);
        P.HistoryEvent[] newEvents = [Marker(orchestratorStarted: true), .. incoming];
        var request = new P.OrchestratorRequest { InstanceId = instanceId, PastEvents = { History }, NewEvents = { newEvents } };
        Requests.Add(request);

        var encoded = handler.Handle(_name, Convert.ToBase64String(request.ToByteArray()));
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encoded));

        History.AddRange(newEvents);
        foreach (var action in response.Actions)
        {
            History.Add(Record(action));
        }

        History.Add(Marker(orchestratorStarted: false));
        return response;
    }

    /// <summary>A wire timestamp.</summary>
    public static Timestamp Time(DateTime utc) => Timestamp.FromDateTime(utc);

    private P.HistoryEvent Marker(bool orchestratorStarted)
    {
        var marker = new P.HistoryEvent { EventId = -1, Timestamp = Time(Now) };
        if (orchestratorStarted)
        {
            marker.OrchestratorStarted = new P.OrchestratorStartedEvent();
        }
        else
        {
            marker.OrchestratorCompleted = new P.OrchestratorCompletedEvent();
        }

        return marker;
    }

    private P.HistoryEvent Record(P.OrchestratorAction action)
    {
        var recorded = new P.HistoryEvent { EventId = action.Id, Timestamp = Time(Now) };
        switch (action.OrchestratorActionTypeCase)
        {
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                recorded.TaskScheduled = new P.TaskScheduledEvent
                {
                    Name = action.ScheduleTask.Name,
                    Version = action.ScheduleTask.Version,
                    Input = action.ScheduleTask.Input,
                };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                recorded.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
                {
                    InstanceId = action.CreateSubOrchestration.InstanceId,
                    Name = action.CreateSubOrchestration.Name,
                    Version = action.CreateSubOrchestration.Version,
                    Input = action.CreateSubOrchestration.Input,
                };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                recorded.TimerCreated = new P.TimerCreatedEvent { FireAt = action.CreateTimer.FireAt };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                recorded.EventSent = new P.EventSentEvent
                {
                    InstanceId = action.SendEvent.Instance.InstanceId,
                    Name = action.SendEvent.Name,
                    Input = action.SendEvent.Data,
                };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                recorded.ExecutionCompleted = new P.ExecutionCompletedEvent
                {
                    OrchestrationStatus = action.CompleteOrchestration.OrchestrationStatus,
                    Result = action.CompleteOrchestration.Result,
                    FailureDetails = action.CompleteOrchestration.FailureDetails,
                };
                break;
            default:
                throw new InvalidOperationException($"The simulated host does not record {action.OrchestratorActionTypeCase} actions.");
        }

        return recorded;
    }
}
