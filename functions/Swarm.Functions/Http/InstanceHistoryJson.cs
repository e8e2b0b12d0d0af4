using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.Core.History;

namespace Swarm.Functions.Http;

/// <summary>
/// An instance's history as the Durable HTTP API's <c>historyEvents</c>: one entry per event that says what the
/// orchestration did (started, scheduled a task or sub-orchestration, a timer, an event, completed), with its time.
/// </summary>
/// <remarks>The replay markers (<c>OrchestratorStarted</c>, <c>OrchestratorCompleted</c>) are left out, as the Durable Functions API leaves them out.</remarks>
public static class InstanceHistoryJson
{
    /// <summary>The events of <paramref name="history"/>, oldest first.</summary>
    public static JsonArray From(IEnumerable<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = new JsonArray();
        foreach (var e in history.Where(e => e is not (OrchestratorStartedEvent or OrchestratorCompletedEvent)))
        {
            var entry = new JsonObject
            {
                ["EventType"] = e.EventType.ToString(),
                ["EventId"] = e.EventId,
                ["Timestamp"] = e.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            };
            switch (e)
            {
                case ExecutionStartedEvent started:
                    entry["Name"] = started.Name;
                    break;
                case TaskScheduledEvent scheduled:
                    entry["Name"] = scheduled.Name;
                    break;
                case TaskCompletedEvent completed:
                    entry["ScheduledId"] = completed.TaskScheduledId;
                    break;
                case TaskFailedEvent failed:
                    entry["ScheduledId"] = failed.TaskScheduledId;
                    entry["Reason"] = failed.FailureDetails?.ErrorMessage ?? failed.Reason;
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    entry["Name"] = created.Name;
                    entry["InstanceId"] = created.InstanceId;
                    break;
                case SubOrchestrationInstanceCompletedEvent subCompleted:
                    entry["ScheduledId"] = subCompleted.TaskScheduledId;
                    break;
                case SubOrchestrationInstanceFailedEvent subFailed:
                    entry["ScheduledId"] = subFailed.TaskScheduledId;
                    entry["Reason"] = subFailed.FailureDetails?.ErrorMessage ?? subFailed.Reason;
                    break;
                case TimerCreatedEvent timer:
                    entry["FireAt"] = timer.FireAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                    break;
                case EventRaisedEvent raised:
                    entry["Name"] = raised.Name;
                    break;
                case ExecutionCompletedEvent done:
                    entry["OrchestrationStatus"] = done.OrchestrationStatus.ToString();
                    break;
                case ExecutionTerminatedEvent terminated:
                    entry["Reason"] = terminated.Input;
                    break;
            }

            events.Add(entry);
        }

        return events;
    }
}
