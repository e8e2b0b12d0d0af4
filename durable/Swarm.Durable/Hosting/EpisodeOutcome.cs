using System.Globalization;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Hosting;

/// <summary>Turns an episode's actions into what the backend stores: history, instance state and outgoing messages.</summary>
internal static class EpisodeOutcome
{
    public static OrchestrationCompletion Build(
        OrchestrationWorkItem workItem,
        ExecutionStartedEvent? started,
        IReadOnlyList<HistoryEvent> newEvents,
        OrchestratorResult result,
        DateTime now)
    {
        var history = new List<HistoryEvent>(newEvents.Count + result.Actions.Count + 1);
        history.AddRange(newEvents);
        var activities = new List<ActivityMessage>();
        var messages = new List<TaskMessage>();
        var self = new OrchestrationInstance(workItem.InstanceId, workItem.ExecutionId);
        foreach (var action in result.Actions)
        {
            history.Add(ActionHistory.EventFor(action, now));
            switch (action)
            {
                case ScheduleTaskAction a:
                    activities.Add(new ActivityMessage(workItem.InstanceId, workItem.ExecutionId, a.Id, a.Name, a.Version, a.Input));
                    break;
                case CreateTimerAction a:
                    messages.Add(new TaskMessage(workItem.InstanceId, workItem.ExecutionId, new TimerFiredEvent(-1, a.FireAt, a.FireAt, a.Id), a.FireAt));
                    break;
                case CreateSubOrchestrationAction a:
                    var child = new OrchestrationInstance(a.InstanceId, NewExecutionId());
                    var parent = new ParentInstanceInfo(a.Id, started?.Name, started?.Version, self);
                    messages.Add(new TaskMessage(a.InstanceId, child.ExecutionId, new ExecutionStartedEvent(-1, now, a.Name, a.Version, a.Input, child, parent, ParentTraceContext: a.ParentTraceContext, Tags: a.Tags)));
                    break;
                case SendEventAction a:
                    messages.Add(new TaskMessage(a.Instance.InstanceId, a.Instance.ExecutionId, new EventRaisedEvent(-1, now, a.Name, a.Data)));
                    break;
                case TerminateOrchestrationAction a:
                    messages.Add(new TaskMessage(a.InstanceId, null, new ExecutionTerminatedEvent(-1, now, a.Reason, a.Recurse)));
                    break;
                default:
                    break;
            }
        }

        history.Add(new OrchestratorCompletedEvent(-1, now));
        var completion = result.Completion;
        if (completion is null)
        {
            return new OrchestrationCompletion
            {
                AppendedHistory = history,
                Status = result.IsSuspended ? OrchestrationStatus.Suspended : OrchestrationStatus.Running,
                CustomStatus = result.CustomStatus,
                Activities = activities,
                Messages = messages,
            };
        }

        if (completion.OrchestrationStatus == OrchestrationStatus.ContinuedAsNew)
        {
            var executionId = NewExecutionId();
            var restart = new ExecutionStartedEvent(
                -1,
                now,
                started?.Name ?? workItem.Name,
                completion.NewVersion ?? started?.Version,
                completion.Result,
                new OrchestrationInstance(workItem.InstanceId, executionId),
                started?.ParentInstance,
                ParentTraceContext: started?.ParentTraceContext,
                Tags: started?.Tags);
            messages.Add(new TaskMessage(workItem.InstanceId, executionId, restart));
            foreach (var carried in completion.CarryoverEvents ?? [])
            {
                messages.Add(new TaskMessage(workItem.InstanceId, executionId, carried));
            }

            // The old execution's pending work is void: its results would carry the old execution id and be dropped.
            return new OrchestrationCompletion
            {
                ResetHistory = true,
                NewExecutionId = executionId,
                Status = OrchestrationStatus.Running,
                Input = completion.Result,
                CustomStatus = result.CustomStatus,
                Messages = messages.Where(m => m.Event is not TimerFiredEvent).ToList(),
            };
        }

        if (started?.ParentInstance is { } parentInfo)
        {
            HistoryEvent answer = completion.OrchestrationStatus == OrchestrationStatus.Completed
                ? new SubOrchestrationInstanceCompletedEvent(-1, now, parentInfo.TaskScheduledId, completion.Result)
                : new SubOrchestrationInstanceFailedEvent(
                    -1,
                    now,
                    parentInfo.TaskScheduledId,
                    completion.FailureDetails ?? new TaskFailureDetails(completion.OrchestrationStatus.ToString(), $"Sub-orchestration '{workItem.InstanceId}' was {completion.OrchestrationStatus.ToString().ToLowerInvariant()}: {completion.Result}"));
            messages.Add(new TaskMessage(parentInfo.OrchestrationInstance.InstanceId, parentInfo.OrchestrationInstance.ExecutionId, answer));
        }

        return new OrchestrationCompletion
        {
            AppendedHistory = history,
            Status = completion.OrchestrationStatus,
            Output = completion.Result,
            FailureDetails = completion.FailureDetails,
            CustomStatus = result.CustomStatus,
            Activities = activities,
            Messages = messages,
        };
    }

    /// <summary>Fails the instance without running it (unreadable history, poison work item).</summary>
    public static OrchestrationCompletion Fail(OrchestrationWorkItem workItem, ExecutionStartedEvent? started, TaskFailureDetails failure, DateTime now)
    {
        var messages = new List<TaskMessage>();
        if (started?.ParentInstance is { } parent)
        {
            messages.Add(new TaskMessage(parent.OrchestrationInstance.InstanceId, parent.OrchestrationInstance.ExecutionId, new SubOrchestrationInstanceFailedEvent(-1, now, parent.TaskScheduledId, failure)));
        }

        return new OrchestrationCompletion
        {
            AppendedHistory = [new ExecutionCompletedEvent(-1, now, OrchestrationStatus.Failed, null, failure)],
            Status = OrchestrationStatus.Failed,
            FailureDetails = failure,
            Messages = messages,
        };
    }

    public static string NewExecutionId() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
}
