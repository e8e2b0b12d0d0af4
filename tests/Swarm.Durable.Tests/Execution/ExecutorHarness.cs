using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Tests.Execution;

/// <summary>
/// Drives the executor the way a worker does: each episode's new events and the events recorded from its actions are
/// appended to an in-memory history, so later episodes replay real histories.
/// </summary>
internal sealed class ExecutorHarness
{
    private readonly bool _keepInMemory;
    private OrchestrationExecution? _cached;

    public ExecutorHarness(DurableTaskRegistry registry, bool keepInMemory = false, OrchestrationExecutorOptions? options = null)
    {
        Executor = new OrchestrationExecutor(registry, new ServiceCollection().BuildServiceProvider(), options);
        _keepInMemory = keepInMemory;
    }

    public OrchestrationExecutor Executor { get; set; }

    public string InstanceId { get; } = "instance-1";

    public List<HistoryEvent> History { get; } = [];

    public DateTime Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public int ReplayedEventCount { get; private set; }

    public OrchestratorResult Start(string name, object? input = null) =>
        Episode(new ExecutionStartedEvent(-1, Now, name, null, JsonDataConverter.Default.Serialize(input), new OrchestrationInstance(InstanceId, "execution-1")));

    public OrchestratorResult Episode(params HistoryEvent[] newEvents) => EpisodeAt(Now.AddSeconds(1), newEvents);

    public OrchestratorResult EpisodeAt(DateTime now, params HistoryEvent[] newEvents)
    {
        Now = now;
        var events = new List<HistoryEvent> { new OrchestratorStartedEvent(-1, Now) };
        events.AddRange(newEvents);
        OrchestratorResult result;
        if (_keepInMemory)
        {
            if (_cached is null)
            {
                _cached = Executor.Begin(InstanceId);
                _cached.Replay(History);
                ReplayedEventCount += History.Count;
            }

            result = _cached.Advance(events);
        }
        else
        {
            ReplayedEventCount += History.Count;
            result = Executor.Execute(InstanceId, History, events);
        }

        History.AddRange(events);
        foreach (var action in result.Actions)
        {
            History.Add(ActionHistory.EventFor(action, Now));
        }

        History.Add(new OrchestratorCompletedEvent(-1, Now));
        _cached?.Committed(result.Actions.Count + 1);
        return result;
    }

    /// <summary>Drops the in-memory execution, as an eviction or a restart does.</summary>
    public void Evict() => _cached = null;

    public TaskCompletedEvent Completed(int taskId, object? result) => new(-1, Now, taskId, JsonDataConverter.Default.Serialize(result));

    public TaskFailedEvent Failed(int taskId, string message) =>
        new(-1, Now, taskId, new TaskFailureDetails("System.InvalidOperationException", message, "at Somewhere()"));

    public EventRaisedEvent Raised(string name, object? payload) => new(-1, Now, name, JsonDataConverter.Default.Serialize(payload));

    public TimerFiredEvent Fired(CreateTimerAction timer) => new(-1, timer.FireAt, timer.FireAt, timer.Id);

    public static T Single<T>(OrchestratorResult result)
        where T : OrchestratorAction => Assert.IsType<T>(Assert.Single(result.Actions));

    public static T? Output<T>(OrchestratorResult result)
    {
        var completion = Assert.IsType<CompleteOrchestrationAction>(result.Actions[^1]);
        Assert.True(completion.OrchestrationStatus == OrchestrationStatus.Completed, completion.FailureDetails?.Summary);
        return JsonDataConverter.Default.Deserialize<T>(completion.Result);
    }

    public static TaskFailureDetails Failure(OrchestratorResult result)
    {
        var completion = Assert.IsType<CompleteOrchestrationAction>(result.Actions[^1]);
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        return completion.FailureDetails!;
    }
}
