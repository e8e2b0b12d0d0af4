using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>The history event each orchestrator action is recorded as, so replay can match it next time.</summary>
public static class ActionHistory
{
    /// <summary>The event that records <paramref name="action"/> at <paramref name="timestamp"/>.</summary>
    public static HistoryEvent EventFor(OrchestratorAction action, DateTime timestamp)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action switch
        {
            ScheduleTaskAction a => new TaskScheduledEvent(a.Id, timestamp, a.Name, a.Version, a.Input, a.ParentTraceContext, a.Tags),
            CreateSubOrchestrationAction a => new SubOrchestrationInstanceCreatedEvent(a.Id, timestamp, a.InstanceId, a.Name, a.Version, a.Input, a.ParentTraceContext, a.Tags),
            CreateTimerAction a => new TimerCreatedEvent(a.Id, timestamp, a.FireAt),
            SendEventAction a => new EventSentEvent(a.Id, timestamp, a.Instance.InstanceId, a.Name, a.Data),
            CompleteOrchestrationAction { OrchestrationStatus: OrchestrationStatus.ContinuedAsNew } a => new ContinueAsNewEvent(a.Id, timestamp, a.Result),
            CompleteOrchestrationAction a => new ExecutionCompletedEvent(a.Id, timestamp, a.OrchestrationStatus, a.Result, a.FailureDetails),
            TerminateOrchestrationAction a => new GenericEvent(a.Id, timestamp, $"terminate {a.InstanceId}"),
            _ => throw new ArgumentException($"Unknown action type {action.GetType().Name}.", nameof(action)),
        };
    }
}
