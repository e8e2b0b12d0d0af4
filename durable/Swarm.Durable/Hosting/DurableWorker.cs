using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Hosting;

/// <summary>
/// Pulls orchestration and activity work items from a backend and runs them: episodes through the replay executor,
/// activities through the registry. Concurrency is bounded per kind; <see cref="StopAsync"/> shuts down gracefully.
/// </summary>
/// <remarks>
/// Failure rules: an orchestration's own exception fails the instance (recorded, not retried); an exception while
/// processing (the backend, the runtime) abandons the work item so it is retried, and after
/// <see cref="DurableWorkerOptions.MaxDispatchAttempts"/> dispatches the instance or activity is failed with that error.
/// </remarks>
public sealed class DurableWorker : IAsyncDisposable
{
    private readonly IDurableBackend _backend;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DurableWorkerOptions _options;
    private readonly OrchestrationExecutor _executor;
    private readonly ExecutionCache _cache;
    private readonly ScheduledTaskTraces _scheduledTraces = new(capacity: 4096);
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopFetching = new();
    private readonly CancellationTokenSource _abortActivities = new();
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private readonly List<Task> _loops = [];
    private readonly HashSet<Task> _inFlight = [];
    private readonly Lock _inFlightGate = new();
    private int _state;

    /// <summary>Creates a worker.</summary>
    public DurableWorker(IDurableBackend backend, DurableTaskRegistry registry, IServiceProvider services, DurableWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        _backend = backend;
        _registry = registry;
        _services = services;
        _options = options ?? new DurableWorkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentOrchestrations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDispatchAttempts, 1);
        _executor = new OrchestrationExecutor(registry, services, _options.Executor);
        _cache = new ExecutionCache(_options.MaxCachedOrchestrations);
        _logger = _options.LoggerFactory.CreateLogger<DurableWorker>();
        _orchestrationSlots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
        _activitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities);
    }

    /// <summary>Starts polling both queues.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The worker was already started.");
        }

        // The loops and the work they start must not inherit the starter's ambient state: an Activity current when
        // the worker started would otherwise become the parent of every span that has no trace context of its own.
        // (SuppressFlow throws when the caller already suppressed it.)
        AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            if (_options.ProcessOrchestrations)
            {
                _loops.Add(Task.Run(() => PollAsync(WorkItemKind.Orchestration, _orchestrationSlots), CancellationToken.None));
            }

            if (_options.ProcessActivities)
            {
                _loops.Add(Task.Run(() => PollAsync(WorkItemKind.Activity, _activitySlots), CancellationToken.None));
            }
        }
        finally
        {
            suppressed?.Undo();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking work and waits for in-flight work to finish. When <paramref name="cancellationToken"/> fires first,
    /// running activities are told to stop and their work items are released for another worker.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopFetching.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        Task[] running;
        lock (_inFlightGate)
        {
            running = [.. _inFlight];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abortActivities.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        _cache.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopFetching.Dispose();
        _abortActivities.Dispose();
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
    }

    private async Task PollAsync(WorkItemKind kind, SemaphoreSlim slots)
    {
        var stopping = _stopFetching.Token;
        var idleDelay = _options.MinPollInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Take every free slot and ask for that many items in one call: a backend that can lock several at once
            // (one transaction, one statement) does so instead of one round trip per item.
            var free = 1;
            while (slots.Wait(0))
            {
                free++;
            }

            var started = await TryStartAsync(kind, free).ConfigureAwait(false);
            foreach (var work in started)
            {
                Track(work, slots);
            }

            var found = started.Count;
            for (var i = found; i < free; i++)
            {
                slots.Release();
            }

            if (found > 0)
            {
                idleDelay = _options.MinPollInterval;
                continue;
            }

            try
            {
                await _backend.WaitForWorkAsync(kind, idleDelay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }

    private async Task<IReadOnlyList<Task>> TryStartAsync(WorkItemKind kind, int count)
    {
        try
        {
            if (kind == WorkItemKind.Orchestration)
            {
                var items = await _backend.LockNextOrchestrationWorkItemsAsync(count, _options.LockDuration, _stopFetching.Token).ConfigureAwait(false);
                return items.Select(item => Task.Run(() => ProcessOrchestrationAsync(item))).ToList();
            }

            var activities = await _backend.LockNextActivityWorkItemsAsync(count, _options.LockDuration, _stopFetching.Token).ConfigureAwait(false);
            return activities.Select(item => Task.Run(() => ProcessActivityAsync(item))).ToList();
        }
        catch (OperationCanceledException) when (_stopFetching.IsCancellationRequested)
        {
            return [];
        }
#pragma warning disable CA1031 // A failing poll (database busy, storage outage) must not stop the worker; it backs off and retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Polling the {Kind} queue failed; retrying.", kind);
            return [];
        }
    }

    private void Track(Task work, SemaphoreSlim slots)
    {
        lock (_inFlightGate)
        {
            _inFlight.Add(work);
        }

        _ = work.ContinueWith(
            finished =>
            {
                lock (_inFlightGate)
                {
                    _inFlight.Remove(finished);
                }

                slots.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ProcessOrchestrationAsync(OrchestrationWorkItem item)
    {
        using var trace = DurableTelemetry.Source.HasListeners() ? new EpisodeTrace(item) : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var completion = await RunEpisodeAsync(item, trace).ConfigureAwait(false);

            // The span was made current inside the episode's own flow; the commit belongs to it too.
            trace?.Begin(completion.Execution?.StartedEvent ?? FindStart(item));
            if (trace is not null)
            {
                RememberScheduledTraces(item, completion.Completion);
            }

            if (completion.Execution is { } execution)
            {
                // Cached before the commit: the commit releases the lock, and the next episode may start at once.
                // Should the commit fail, the entry is removed below (and its history length no longer matches the store).
                execution.Committed(completion.Completion.AppendedHistory.Count - completion.NewEventCount);
                _cache.Put(execution);
            }

            await _backend.CompleteOrchestrationWorkItemAsync(item, completion.Completion, CancellationToken.None).ConfigureAwait(false);
            DurableTelemetry.Episodes.Add(1);

            if (completion.Completion.Status is { } status && (status.IsTerminal() || completion.Completion.ResetHistory))
            {
                DurableTelemetry.OrchestrationsFinished.Add(1, new KeyValuePair<string, object?>("status", completion.Completion.ResetHistory ? "ContinuedAsNew" : status.ToString()));
            }
        }
        catch (WorkItemLockLostException ex)
        {
            // The entry cached before the commit describes history that was never stored.
            _cache.Remove(item.InstanceId);
            _logger.LogWarning(ex, "Episode of {InstanceId} discarded: its lock was lost.", item.InstanceId);
        }
#pragma warning disable CA1031 // Processing failures are recorded on the work item and retried; after too many attempts the instance is failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _cache.Remove(item.InstanceId);
            trace?.Begin(FindStart(item));
            trace?.Fail(ex);
            _logger.LogError(ex, "Processing an episode of {InstanceId} failed (attempt {Attempt}).", item.InstanceId, item.DispatchCount);
            await AbandonAsync(item, ex).ConfigureAwait(false);
        }
        finally
        {
            DurableTelemetry.EpisodeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task AbandonAsync(OrchestrationWorkItem item, Exception error)
    {
        try
        {
            await _backend.AbandonOrchestrationWorkItemAsync(item, Describe(error), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // If even the abandon fails, the lock expiry releases the work item.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Abandoning {InstanceId} failed; its lock will expire.", item.InstanceId);
        }
    }

    /// <summary>The execution's start event when it is at hand without I/O: in the new messages or the cached execution.</summary>
    private ExecutionStartedEvent? FindStart(OrchestrationWorkItem item) =>
        item.Messages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault(e => string.Equals(e.OrchestrationInstance.ExecutionId, item.ExecutionId, StringComparison.Ordinal))
            ?? _cache.PeekStart(item.InstanceId, item.ExecutionId);

    /// <summary>Keeps the trace context of each activity the episode scheduled for when this worker runs it.</summary>
    private void RememberScheduledTraces(OrchestrationWorkItem item, OrchestrationCompletion completion)
    {
        foreach (var historyEvent in completion.AppendedHistory)
        {
            if (historyEvent is TaskScheduledEvent { ParentTraceContext: { } context } scheduled)
            {
                _scheduledTraces.Add(item.InstanceId, item.ExecutionId, scheduled.EventId, context);
            }
        }
    }

    private async Task<EpisodeResult> RunEpisodeAsync(OrchestrationWorkItem item, EpisodeTrace? trace)
    {
        var now = DateTime.UtcNow;
        if (item.Status.IsTerminal())
        {
            return new EpisodeResult(new OrchestrationCompletion(), null, 0);
        }

        // The start comes first; results of an earlier execution (before a ContinueAsNew) are void.
        var events = item.Messages
            .Where(m => m.ExecutionId is null || string.Equals(m.ExecutionId, item.ExecutionId, StringComparison.Ordinal))
            .Select(m => m.Event)
            .OrderBy(e => e is ExecutionStartedEvent ? 0 : 1)
            .ToList();
        if (item.HistoryCount > 0)
        {
            events.RemoveAll(e => e is ExecutionStartedEvent);
        }

        if (item.DispatchCount > _options.MaxDispatchAttempts)
        {
            DurableTelemetry.Poisoned.Add(1, new KeyValuePair<string, object?>("kind", "orchestration"));
            var failure = new TaskFailureDetails(
                RuntimeErrorTypes.PoisonWorkItem,
                $"Processing instance '{item.InstanceId}' failed {item.DispatchCount - 1} times; giving up. Last error: {item.LastError ?? "the worker stopped or crashed while processing it"}",
                IsNonRetriable: true);
            var start = await TryReadStartAsync(item, events).ConfigureAwait(false);
            trace?.Begin(start);
            return new EpisodeResult(EpisodeOutcome.Fail(item, start, failure, now), null, 0);
        }

        if (item.UnreadableMessages.Count > 0)
        {
            // A message that cannot be read would be lost silently if skipped; the instance's story would be wrong.
            var failure = new TaskFailureDetails(
                RuntimeErrorTypes.HistoryCorrupted,
                $"Instance '{item.InstanceId}' received {item.UnreadableMessages.Count} unreadable message(s): {string.Join("; ", item.UnreadableMessages)}",
                IsNonRetriable: true);
            _cache.Take(item.InstanceId, item.ExecutionId, item.HistoryCount);
            var start = await TryReadStartAsync(item, events).ConfigureAwait(false);
            trace?.Begin(start);
            return new EpisodeResult(EpisodeOutcome.Fail(item, start, failure, now), null, 0);
        }

        var execution = _cache.Take(item.InstanceId, item.ExecutionId, item.HistoryCount);
        DurableTelemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>("hit", execution is not null));
        if (execution is null)
        {
            execution = _executor.Begin(item.InstanceId);
            if (item.HistoryCount > 0)
            {
                IReadOnlyList<HistoryEvent> history;
                try
                {
                    history = await _backend.GetHistoryAsync(item.InstanceId, CancellationToken.None).ConfigureAwait(false);
                }
                catch (HistoryCorruptedException ex)
                {
                    var failure = new TaskFailureDetails(RuntimeErrorTypes.HistoryCorrupted, ex.Message, IsNonRetriable: true);
                    return new EpisodeResult(EpisodeOutcome.Fail(item, null, failure, now), null, 0);
                }

                execution.Replay(history);
            }
        }

        if (events.Count == 0)
        {
            return new EpisodeResult(new OrchestrationCompletion(), execution, 0);
        }

        // Started before the code runs so that what the orchestration logs is correlated with its episode.
        trace?.Begin(execution.StartedEvent ?? events.OfType<ExecutionStartedEvent>().FirstOrDefault());
        var newEvents = new List<HistoryEvent>(events.Count + 1) { new OrchestratorStartedEvent(-1, now) };
        newEvents.AddRange(events);
        var result = execution.Advance(newEvents);
        var completion = EpisodeOutcome.Build(item, execution.StartedEvent, newEvents, result, now);
        var keep = !execution.IsCompleted && completion.Status is { } s && !s.IsTerminal() && !completion.ResetHistory;
        return new EpisodeResult(completion, keep ? execution : null, newEvents.Count);
    }

    /// <summary>The execution's start event, so a failed sub-orchestration can still answer its parent.</summary>
    private async Task<ExecutionStartedEvent?> TryReadStartAsync(OrchestrationWorkItem item, List<HistoryEvent> events)
    {
        if (events.OfType<ExecutionStartedEvent>().FirstOrDefault() is { } inBatch)
        {
            return inBatch;
        }

        try
        {
            var history = await _backend.GetHistoryAsync(item.InstanceId, CancellationToken.None).ConfigureAwait(false);
            return history.OfType<ExecutionStartedEvent>().FirstOrDefault();
        }
#pragma warning disable CA1031 // Best effort: without the start event the instance is still failed, only the parent is not told.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Reading the history of poisoned instance {InstanceId} failed.", item.InstanceId);
            return null;
        }
    }

    private async Task ProcessActivityAsync(ActivityWorkItem item)
    {
        using var span = DurableTelemetry.Source.HasListeners() ? await StartActivitySpanAsync(item).ConfigureAwait(false) : null;
        if (span is not null)
        {
            // Starting it made it current only inside the method that started it; the activity's code runs here.
            Activity.Current = span;
        }

        using var renewal = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(item, renewal.Token);
        try
        {
            var outcome = await RunActivityAsync(item).ConfigureAwait(false);
            if (outcome is null)
            {
                // Shutdown interrupted it: release it for another worker rather than record a failure.
                await _backend.AbandonActivityWorkItemAsync(item, "The worker shut down while the activity was running.", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            DurableTelemetry.Activities.Add(1, new KeyValuePair<string, object?>("outcome", outcome is TaskCompletedEvent ? "completed" : "failed"));
            await _backend.CompleteActivityWorkItemAsync(item, new TaskMessage(item.InstanceId, item.ExecutionId, outcome), CancellationToken.None).ConfigureAwait(false);
        }
        catch (WorkItemLockLostException ex)
        {
            _logger.LogWarning(ex, "Result of activity {Name} for {InstanceId} discarded: its lock was lost.", item.Name, item.InstanceId);
        }
#pragma warning disable CA1031 // Infrastructure failures are recorded and retried; the poison rule bounds them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _logger.LogError(ex, "Processing activity {Name} for {InstanceId} failed.", item.Name, item.InstanceId);
            try
            {
                await _backend.AbandonActivityWorkItemAsync(item, Describe(ex), CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The lock expiry releases it if the abandon fails too.
            catch (Exception abandonError)
#pragma warning restore CA1031
            {
                _logger.LogError(abandonError, "Abandoning activity {Name} failed; its lock will expire.", item.Name);
            }
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
    }

    /// <summary>The activity's span: a child of the trace context its TaskScheduled event recorded.</summary>
    private async Task<Activity?> StartActivitySpanAsync(ActivityWorkItem item)
    {
        var parent = _scheduledTraces.Take(item.InstanceId, item.ExecutionId, item.TaskId)
            ?? await ReadScheduledTraceAsync(item).ConfigureAwait(false);
        var context = TraceContextPropagation.TryParse(parent, out var parsed) ? parsed : default;
        var span = DurableTelemetry.Source.StartActivity("activity " + item.Name, ActivityKind.Server, context);
        span?.SetTag("durable.type", "activity");
        span?.SetTag("durable.name", item.Name);
        span?.SetTag("durable.instance_id", item.InstanceId);
        span?.SetTag("durable.execution_id", item.ExecutionId);
        span?.SetTag("durable.task_id", item.TaskId);
        return span;
    }

    /// <summary>
    /// The trace context on the activity's TaskScheduled event, read from history: for activities scheduled by another
    /// worker or before this one started. Null when it cannot be found; tracing never fails the activity.
    /// </summary>
    private async Task<TraceContext?> ReadScheduledTraceAsync(ActivityWorkItem item)
    {
        try
        {
            var history = await _backend.GetHistoryAsync(item.InstanceId, CancellationToken.None).ConfigureAwait(false);
            var start = history.OfType<ExecutionStartedEvent>().FirstOrDefault();
            if (start is null || !string.Equals(start.OrchestrationInstance.ExecutionId, item.ExecutionId, StringComparison.Ordinal))
            {
                return null;
            }

            return history.OfType<TaskScheduledEvent>().FirstOrDefault(e => e.EventId == item.TaskId)?.ParentTraceContext;
        }
#pragma warning disable CA1031 // A span without its parent is better than an activity that does not run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogDebug(ex, "Reading the trace context of activity {Name} for {InstanceId} failed; its span has no parent.", item.Name, item.InstanceId);
            return null;
        }
    }

    private async Task RenewWhileRunningAsync(ActivityWorkItem item, CancellationToken stop)
    {
        var interval = _options.LockDuration / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                await _backend.RenewActivityWorkItemLockAsync(item, _options.LockDuration, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished.
        }
#pragma warning disable CA1031 // A failed renewal only means the result may be discarded later; the activity keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Renewing the lock of activity {Name} failed.", item.Name);
        }
    }

    /// <summary>Runs the activity; returns its result event, or null when shutdown interrupted it.</summary>
    private async Task<HistoryEvent?> RunActivityAsync(ActivityWorkItem item)
    {
        var now = DateTime.UtcNow;
        if (item.DispatchCount > _options.MaxDispatchAttempts)
        {
            DurableTelemetry.Poisoned.Add(1, new KeyValuePair<string, object?>("kind", "activity"));
            return Failed(item, new TaskFailureDetails(
                RuntimeErrorTypes.PoisonWorkItem,
                $"Activity '{item.Name}' was dispatched {item.DispatchCount - 1} times without completing; giving up. Last error: {item.LastError ?? "the worker stopped or crashed while running it"}",
                IsNonRetriable: true));
        }

        ITaskActivity? activity;
        try
        {
            if (!_registry.TryCreateActivity(item.Name, _services, out activity) || activity is null)
            {
                return Failed(item, new TaskFailureDetails(RuntimeErrorTypes.ActivityNotFound, $"No activity named '{item.Name}' is registered with this worker.", IsNonRetriable: true));
            }
        }
        catch (InvalidOperationException ex)
        {
            return Failed(item, new TaskFailureDetails(ex.GetType().FullName!, $"Activity '{item.Name}' could not be constructed: {ex.Message}", ex.StackTrace));
        }

        var converter = _options.Executor.DataConverter;
        object? input;
        try
        {
            input = converter.Deserialize(item.Input, activity.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return Failed(item, new TaskFailureDetails(
                RuntimeErrorTypes.InputDeserialization,
                $"The input of activity '{item.Name}' could not be read as {activity.InputType.Name}: {ex.Message}",
                IsNonRetriable: true));
        }

        object? output;
        var context = new WorkerActivityContext(item.Name, item.InstanceId, _abortActivities.Token);
        try
        {
            output = await activity.RunAsync(context, input).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abortActivities.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // The activity's exception is its result: recorded as TaskFailed for the orchestration to handle.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(item, TaskFailureDetails.FromException(ex));
        }

        string? serialized;
        try
        {
            serialized = converter.Serialize(output);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return Failed(item, new TaskFailureDetails(RuntimeErrorTypes.OutputTooLarge, $"The output of activity '{item.Name}' could not be serialized: {ex.Message}", IsNonRetriable: true));
        }

        if (serialized is not null && serialized.Length > _options.MaxActivityOutputBytes / 3 && Encoding.UTF8.GetByteCount(serialized) > _options.MaxActivityOutputBytes)
        {
            return Failed(item, new TaskFailureDetails(
                RuntimeErrorTypes.OutputTooLarge,
                $"The output of activity '{item.Name}' is {Encoding.UTF8.GetByteCount(serialized)} bytes; the limit is {_options.MaxActivityOutputBytes}. Store large data in a blob and return its name.",
                IsNonRetriable: true));
        }

        return new TaskCompletedEvent(-1, now, item.TaskId, serialized);
    }

    private static TaskFailedEvent Failed(ActivityWorkItem item, TaskFailureDetails failure) => new(-1, DateTime.UtcNow, item.TaskId, failure);

    private static string Describe(Exception error) => $"{error.GetType().FullName}: {error.Message}";

    private sealed record EpisodeResult(OrchestrationCompletion Completion, OrchestrationExecution? Execution, int NewEventCount);
}
