using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>
/// The state of one execution being replayed: the orchestrator object, its open tasks, pending actions and buffered
/// events. Events are applied in history order; orchestrator continuations run on <see cref="OrchestrationSynchronizationContext"/>.
/// </summary>
/// <remarks>
/// Invariant: every action the code asks for gets the next sequence number; an action-produced history event
/// (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent) must find the pending action with its
/// event id and the same shape, otherwise the code is non-deterministic.
/// </remarks>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly OrchestrationExecutorOptions _options;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<string, Queue<EventRaisedEvent>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _arrivalOrder = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _heldWhileSuspended = [];
    private int _sequence;
    private int _guidCounter;
    private bool _isReplaying;
    private DateTime _currentUtc;
    private string? _customStatus;
    private ExecutionStartedEvent? _started;
    private string? _name;
    private object? _input;
    private Task<object?>? _running;
    private CompleteOrchestrationAction? _completion;
    private (object? Input, bool Preserve)? _continueAsNew;
    private bool _suspended;
    private TraceContext? _outgoingTraceContext;

    public ReplayOrchestrationContext(string instanceId, DurableTaskRegistry registry, IServiceProvider services, OrchestrationExecutorOptions options)
    {
        InstanceId = instanceId;
        _registry = registry;
        _services = services;
        _options = options;
    }

    public override string Name => _name ?? string.Empty;

    public override string InstanceId { get; }

    public override bool IsReplaying => _isReplaying;

    public override DateTime CurrentUtcDateTime => _currentUtc;

    public bool IsCompleted => _completion is not null;

    public string? ExecutionId => _started?.OrchestrationInstance.ExecutionId;

    public ExecutionStartedEvent? Started => _started;

    private DataConverter Converter => _options.DataConverter;

    /// <summary>Applies events in order; returns the actions that are new since the last call.</summary>
    public OrchestratorResult Apply(IReadOnlyList<HistoryEvent> events, bool replaying)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        _sync.Enter();
        try
        {
            foreach (var historyEvent in events)
            {
                _isReplaying = replaying;
                try
                {
                    if (_completion is not null)
                    {
                        CheckNothingAfterCompletion(historyEvent);
                        CarryOver(historyEvent);
                        continue;
                    }

                    Process(historyEvent);
                    _sync.Pump();
                    CompleteIfFinished();
                }
                catch (NonDeterministicOrchestrationException ex)
                {
                    FailWithoutActions(TaskFailureDetails.FromException(ex) with { IsNonRetriable = true });
                }
                catch (HistoryCorruptedException ex)
                {
                    FailWithoutActions(new TaskFailureDetails(RuntimeErrorTypes.HistoryCorrupted, ex.Message, IsNonRetriable: true));
                }
            }

            if (!replaying && _completion is null)
            {
                DetectStall();
            }
        }
        finally
        {
            _sync.Exit();
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return replaying ? new OrchestratorResult([], _customStatus, _suspended) : TakeActions();
    }

    private OrchestratorResult TakeActions()
    {
        var actions = _pendingActions.Values.ToList();
        _pendingActions.Clear();
        return new OrchestratorResult(actions, _customStatus, _suspended && _completion is null);
    }

    private void Process(HistoryEvent historyEvent)
    {
        if (_suspended && IsHeldWhileSuspended(historyEvent))
        {
            _heldWhileSuspended.Add(historyEvent);
            return;
        }

        switch (historyEvent)
        {
            case OrchestratorStartedEvent started:
                _currentUtc = started.Timestamp;
                break;
            case ExecutionStartedEvent started:
                Start(started);
                break;
            case TaskScheduledEvent scheduled:
                Match(scheduled, a => a is ScheduleTaskAction s && string.Equals(s.Name, scheduled.Name, StringComparison.OrdinalIgnoreCase));
                break;
            case TaskCompletedEvent completed:
                Resolve(completed.TaskScheduledId, completed.Result, null);
                break;
            case TaskFailedEvent failed:
                Resolve(failed.TaskScheduledId, null, failed.FailureDetails);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                Match(created, a => a is CreateSubOrchestrationAction s
                    && string.Equals(s.Name, created.Name, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(s.InstanceId, created.InstanceId, StringComparison.Ordinal));
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                Resolve(completed.TaskScheduledId, completed.Result, null);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                Resolve(failed.TaskScheduledId, null, failed.FailureDetails);
                break;
            case TimerCreatedEvent created:
                Match(created, a => a is CreateTimerAction);
                break;
            case TimerFiredEvent fired:
                Resolve(fired.TimerId, null, null);
                break;
            case EventSentEvent sent:
                Match(sent, a => a is SendEventAction s
                    && string.Equals(s.Name, sent.Name, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(s.Instance.InstanceId, sent.InstanceId, StringComparison.Ordinal));
                break;
            case EventRaisedEvent raised:
                Deliver(raised);
                break;
            case ExecutionSuspendedEvent:
                _suspended = true;
                break;
            case ExecutionResumedEvent:
                Resume();
                break;
            case ExecutionTerminatedEvent terminated:
                _pendingActions.Clear();
                _completion = new CompleteOrchestrationAction(_sequence++, OrchestrationStatus.Terminated, terminated.Input);
                _pendingActions[_completion.Id] = _completion;
                break;
            case ExecutionCompletedEvent:
                throw new HistoryCorruptedException($"Instance '{InstanceId}' has events after its ExecutionCompleted event.");
            default:
                // OrchestratorCompleted, ContinueAsNew and GenericEvent carry nothing replay needs.
                break;
        }
    }

    private static bool IsHeldWhileSuspended(HistoryEvent historyEvent) =>
        historyEvent is TaskCompletedEvent or TaskFailedEvent or SubOrchestrationInstanceCompletedEvent
            or SubOrchestrationInstanceFailedEvent or TimerFiredEvent or EventRaisedEvent;

    private void Resume()
    {
        _suspended = false;
        var held = _heldWhileSuspended.ToArray();
        _heldWhileSuspended.Clear();
        foreach (var historyEvent in held)
        {
            Process(historyEvent);
            _sync.Pump();
            CompleteIfFinished();
            if (_completion is not null)
            {
                return;
            }
        }
    }

    private void Start(ExecutionStartedEvent started)
    {
        if (_started is not null)
        {
            throw new HistoryCorruptedException($"Instance '{InstanceId}' has a second ExecutionStarted event.");
        }

        _started = started;
        _name = started.Name;

        // Work this execution schedules (activities, sub-orchestrations) is parented to the caller's trace context
        // from the ExecutionStarted event, so every replay of an action carries the same value and the executor stays
        // a pure function of history. The span of the episode running the code cannot be used: its id is random,
        // differs on every replay and is stored nowhere in history, so an action retried after a crash or replayed
        // on another worker would name a different parent. A span id derived from the instance id would be stable but
        // would name a span nobody emits, leaving every activity with a dangling parent. With the caller's context,
        // episodes, activities and sub-orchestrations are siblings under the span that started the job: one trace,
        // every parent present, told apart by their durable.* tags. A malformed value is dropped here so it is not
        // copied into every event the execution writes.
        _outgoingTraceContext = TraceContextPropagation.TryParse(started.ParentTraceContext, out _) ? started.ParentTraceContext : null;
        if (_currentUtc == default)
        {
            _currentUtc = started.Timestamp;
        }

        if (!_registry.TryCreateOrchestrator(started.Name, _services, out var orchestrator) || orchestrator is null)
        {
            FailWithoutActions(new TaskFailureDetails(
                RuntimeErrorTypes.OrchestratorNotFound,
                $"No orchestrator named '{started.Name}' is registered with this worker.",
                IsNonRetriable: true));
            return;
        }

        try
        {
            _input = Converter.Deserialize(started.Input, orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            FailWithoutActions(new TaskFailureDetails(
                RuntimeErrorTypes.InputDeserialization,
                $"The input of orchestrator '{started.Name}' could not be read as {orchestrator.InputType.Name}: {ex.Message}",
                IsNonRetriable: true));
            return;
        }

        try
        {
            _running = orchestrator.RunAsync(this, _input);
        }
#pragma warning disable CA1031 // Whatever the orchestrator throws synchronously is its failure, recorded on the instance.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _running = Task.FromException<object?>(ex);
        }
    }

    private void Match(HistoryEvent historyEvent, Func<OrchestratorAction, bool> sameShape)
    {
        if (!_pendingActions.Remove(historyEvent.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history recorded {Describe(historyEvent)} " +
                $"but the orchestrator code did not ask for any action with id {historyEvent.EventId}. " +
                "Orchestrator code must make the same calls in the same order on every replay.");
        }

        if (!sameShape(action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history recorded {Describe(historyEvent)} " +
                $"but the orchestrator code now asks for {Describe(action)}. " +
                "Orchestrator code must make the same calls in the same order on every replay.");
        }
    }

    private void CarryOver(HistoryEvent historyEvent)
    {
        // Events that arrive in the same batch after ContinueAsNew are as unprocessed as buffered ones.
        if (historyEvent is EventRaisedEvent raised && _completion is { OrchestrationStatus: OrchestrationStatus.ContinuedAsNew, CarryoverEvents: { } carried })
        {
            _completion = _completion with { CarryoverEvents = [.. carried, raised] };
            if (_pendingActions.ContainsKey(_completion.Id))
            {
                _pendingActions[_completion.Id] = _completion;
            }
        }
    }

    private void CheckNothingAfterCompletion(HistoryEvent historyEvent)
    {
        if (_isReplaying && historyEvent is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent
            && _completion!.OrchestrationStatus != OrchestrationStatus.Failed)
        {
            FailWithoutActions(TaskFailureDetails.FromException(new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history recorded {Describe(historyEvent)} " +
                "but the orchestrator code now completes before asking for it.")) with { IsNonRetriable = true });
        }
    }

    internal static string Describe(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskScheduledEvent e => $"TaskScheduled '{e.Name}' (id {e.EventId})",
        TimerCreatedEvent e => $"TimerCreated at {e.FireAt:O} (id {e.EventId})",
        SubOrchestrationInstanceCreatedEvent e => $"SubOrchestrationInstanceCreated '{e.Name}' instance '{e.InstanceId}' (id {e.EventId})",
        EventSentEvent e => $"EventSent '{e.Name}' to '{e.InstanceId}' (id {e.EventId})",
        _ => $"{historyEvent.GetType().Name} (id {historyEvent.EventId})",
    };

    internal static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskAction a => $"ScheduleTask '{a.Name}' (id {a.Id})",
        CreateTimerAction a => $"CreateTimer at {a.FireAt:O} (id {a.Id})",
        CreateSubOrchestrationAction a => $"CreateSubOrchestration '{a.Name}' instance '{a.InstanceId}' (id {a.Id})",
        SendEventAction a => $"SendEvent '{a.Name}' to '{a.Instance.InstanceId}' (id {a.Id})",
        CompleteOrchestrationAction a => $"CompleteOrchestration {a.OrchestrationStatus} (id {a.Id})",
        _ => $"{action.GetType().Name} (id {action.Id})",
    };

    private void Resolve(int taskId, string? result, TaskFailureDetails? failure)
    {
        // A completion with no open task is a duplicate delivery (at-least-once messaging) or a canceled timer: ignore.
        if (!_openTasks.Remove(taskId, out var open))
        {
            return;
        }

        if (failure is null)
        {
            open.Completion.TrySetResult(result);
        }
        else
        {
            open.Completion.TrySetException(new TaskFailedException(open.Name, taskId, failure));
        }
    }

    private void Deliver(EventRaisedEvent raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var waiting))
        {
            while (waiting.First is { } first)
            {
                waiting.RemoveFirst();
                if (first.Value.TrySetResult(raised.Input))
                {
                    return;
                }
            }
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            queue = new Queue<EventRaisedEvent>();
            _bufferedEvents[raised.Name] = queue;
        }

        queue.Enqueue(raised);
        _arrivalOrder.Add(raised);
    }

    private void CompleteIfFinished()
    {
        if (_completion is not null || _running is null || !_running.IsCompleted)
        {
            return;
        }

        if (_running.IsFaulted)
        {
            var exception = _running.Exception!.InnerExceptions.Count == 1 ? _running.Exception.InnerException! : _running.Exception;
            if (exception is NonDeterministicOrchestrationException)
            {
                FailWithoutActions(TaskFailureDetails.FromException(exception) with { IsNonRetriable = true });
                return;
            }

            Complete(OrchestrationStatus.Failed, null, TaskFailureDetails.FromException(exception));
            return;
        }

        if (_running.IsCanceled)
        {
            Complete(OrchestrationStatus.Failed, null, new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator was canceled."));
            return;
        }

        if (_continueAsNew is { } next)
        {
            IReadOnlyList<HistoryEvent>? carryover = null;
            if (next.Preserve)
            {
                // Unconsumed events keep their arrival order so the next execution sees them as this one would have.
                carryover = _arrivalOrder.Where(e => _bufferedEvents.TryGetValue(e.Name, out var q) && q.Contains(e))
                    .Concat(_heldWhileSuspended.OfType<EventRaisedEvent>())
                    .ToList();
            }

            string? newInput;
            try
            {
                newInput = Converter.Serialize(next.Input);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
            {
                Complete(OrchestrationStatus.Failed, null, new TaskFailureDetails(RuntimeErrorTypes.OutputTooLarge, $"The ContinueAsNew input could not be serialized: {ex.Message}"));
                return;
            }

            _completion = new CompleteOrchestrationAction(_sequence++, OrchestrationStatus.ContinuedAsNew, newInput, CarryoverEvents: carryover);
            _pendingActions[_completion.Id] = _completion;
            return;
        }

        string? output;
        try
        {
            output = _running.Result is null ? null : Converter.Serialize(_running.Result);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Complete(OrchestrationStatus.Failed, null, new TaskFailureDetails(RuntimeErrorTypes.OutputTooLarge, $"The output of orchestrator '{Name}' could not be serialized: {ex.Message}", IsNonRetriable: true));
            return;
        }

        if (output is not null && Encoding.UTF8.GetByteCount(output) > _options.MaxOutputBytes)
        {
            Complete(OrchestrationStatus.Failed, null, new TaskFailureDetails(
                RuntimeErrorTypes.OutputTooLarge,
                $"The output of orchestrator '{Name}' is {Encoding.UTF8.GetByteCount(output)} bytes; the limit is {_options.MaxOutputBytes}. Return a reference (e.g. a blob name) instead.",
                IsNonRetriable: true));
            return;
        }

        Complete(OrchestrationStatus.Completed, output, null);
    }

    private void Complete(OrchestrationStatus status, string? result, TaskFailureDetails? failure)
    {
        _completion = new CompleteOrchestrationAction(_sequence++, status, result, FailureDetails: failure);
        _pendingActions[_completion.Id] = _completion;
    }

    private void FailWithoutActions(TaskFailureDetails failure)
    {
        _pendingActions.Clear();
        _completion = new CompleteOrchestrationAction(_sequence++, OrchestrationStatus.Failed, null, FailureDetails: failure);
        _pendingActions[_completion.Id] = _completion;
    }

    private void DetectStall()
    {
        if (_started is null)
        {
            FailWithoutActions(new TaskFailureDetails(
                RuntimeErrorTypes.HistoryCorrupted,
                $"Instance '{InstanceId}' has no ExecutionStarted event; its history is incomplete.",
                IsNonRetriable: true));
            return;
        }

        if (_running is null || _suspended)
        {
            return;
        }

        var waiting = _openTasks.Values.Any(t => !t.Completion.Task.IsCompleted)
            || _waiters.Values.Any(list => list.Any(w => !w.Task.IsCompleted));
        if (_sync.ForeignPostDetected || !waiting)
        {
            FailWithoutActions(new TaskFailureDetails(
                RuntimeErrorTypes.NonDurableAwait,
                $"Orchestrator '{Name}' awaited a task that the orchestration context did not create (for example Task.Delay, Task.Run or I/O). " +
                "Orchestrators may await only context tasks; use CreateTimer for delays and activities for I/O.",
                IsNonRetriable: true));
        }
    }

    private Task<string?> Schedule(OrchestratorAction action, string name)
    {
        ThrowIfWrongThread();
        var completion = new TaskCompletionSource<string?>();
        _pendingActions[action.Id] = action;
        _openTasks[action.Id] = new OpenTask(name, completion);
        return completion.Task;
    }

    private void ThrowIfWrongThread()
    {
        if (SynchronizationContext.Current != _sync)
        {
            throw new InvalidOperationException(
                "The orchestration context was used outside the orchestrator's own thread (for example after ConfigureAwait(false), inside Task.Run or after awaiting a non-durable task).");
        }
    }

    public override T? GetInput<T>()
        where T : default => _input is T typed ? typed : Converter.Deserialize<T>(_started?.Input);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = Converter.Serialize(input);
        Func<Task<string?>> attempt = () => Schedule(new ScheduleTaskAction(_sequence++, name, null, serialized, ParentTraceContext: _outgoingTraceContext), name);
        return Typed<TResult>(options?.Retry is { } retry ? WithRetry(attempt, retry) : attempt());
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = Converter.Serialize(input);
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        Func<Task<string?>> attempt = () =>
        {
            var instanceId = explicitId ?? NewGuid().ToString("N", CultureInfo.InvariantCulture);
            return Schedule(new CreateSubOrchestrationAction(_sequence++, instanceId, orchestratorName, null, serialized, _outgoingTraceContext), orchestratorName);
        };
        return Typed<TResult>(options?.Retry is { } retry ? WithRetry(attempt, retry) : attempt());
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var id = _sequence++;
        var task = Schedule(new CreateTimerAction(id, utc), "timer");
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_openTasks.Remove(id, out var open))
                {
                    open.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ThrowIfWrongThread();
        if (_bufferedEvents.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var buffered))
        {
            _arrivalOrder.Remove(buffered);
            return Task.FromResult(Converter.Deserialize<T>(buffered.Input)!);
        }

        var completion = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<TaskCompletionSource<string?>>();
            _waiters[eventName] = list;
        }

        var node = list.AddLast(completion);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return Typed<T>(completion.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ThrowIfWrongThread();
        var action = new SendEventAction(_sequence++, new OrchestrationInstance(instanceId), eventName, Converter.Serialize(payload));
        _pendingActions[action.Id] = action;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = Converter.Serialize(customStatus);
        if (serialized is not null && Encoding.UTF8.GetByteCount(serialized) > _options.MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status is {Encoding.UTF8.GetByteCount(serialized)} bytes serialized; the limit is {_options.MaxCustomStatusBytes}.",
                nameof(customStatus));
        }

        _customStatus = serialized;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = (newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{_currentUtc:O}_{_guidCounter++}"));

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_options.LoggerFactory.CreateLogger(categoryName), this);

    private async Task<TResult> Typed<TResult>(Task<string?> raw) => Converter.Deserialize<TResult>(await raw)!;

    private async Task<string?> WithRetry(Func<Task<string?>> attempt, RetryPolicy policy)
    {
        var firstAttemptAt = _currentUtc;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (number < policy.MaxNumberOfAttempts
                && !ex.FailureDetails.IsNonRetriable
                && (policy.HandleFailure is null || policy.HandleFailure(ex.FailureDetails)))
            {
                var delay = policy.DelayBeforeRetry(number);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && _currentUtc + delay > firstAttemptAt + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(_currentUtc + delay, CancellationToken.None);
            }
        }
    }

    private sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);
}
