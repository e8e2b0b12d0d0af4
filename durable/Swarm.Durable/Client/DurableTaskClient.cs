using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Swarm.Durable.Backend;
using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>Starts, inspects and controls orchestration instances; thread-safe and long-lived.</summary>
public class DurableTaskClient
{
    private readonly IDurableBackend _backend;
    private readonly DurableClientOptions _options;

    /// <summary>Creates a client over <paramref name="backend"/>.</summary>
    public DurableTaskClient(IDurableBackend backend)
        : this(backend, new DurableClientOptions())
    {
    }

    /// <summary>Creates a client with options.</summary>
    public DurableTaskClient(IDurableBackend backend, DurableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _options = options;
    }

    /// <summary>Schedules a new instance of <paramref name="orchestratorName"/>; returns its instance id.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id belongs to a running instance (or a finished one, when replacing is disabled).</exception>
    public virtual async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options));
        var start = new ExecutionStartedEvent(
            -1,
            DateTime.UtcNow,
            orchestratorName,
            null,
            _options.DataConverter.Serialize(input),
            new OrchestrationInstance(instanceId, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)),
            ScheduledStartTimestamp: options?.StartAt?.UtcDateTime,
            ParentTraceContext: Execution.TraceContextPropagation.Capture(Activity.Current));
        await _backend.CreateInstanceAsync(start, _options.ReplaceFinishedInstances, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an instance; null when it does not exist.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        _backend.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);

    /// <summary>Waits until the instance has finished (completed, failed or terminated) and returns it.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var metadata = await _backend.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new OrchestrationNotFoundException($"No orchestration instance has id '{instanceId}'.");
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxStatusPollInterval.Ticks));
        }
    }

    /// <summary>Waits until the instance has started (left Pending) and returns it.</summary>
    public virtual async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var metadata = await _backend.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new OrchestrationNotFoundException($"No orchestration instance has id '{instanceId}'.");
            if (metadata.RuntimeStatus != OrchestrationStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxStatusPollInterval.Ticks));
        }
    }

    /// <summary>One page of instances matching <paramref name="query"/>.</summary>
    public virtual Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) =>
        _backend.QueryInstancesAsync(query, cancellationToken);

    /// <summary>Every instance matching <paramref name="query"/>, fetched page by page.</summary>
    public virtual async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new OrchestrationQuery();
        while (true)
        {
            var page = await _backend.QueryInstancesAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>Raises an external event on an instance (buffered until the orchestration waits for it).</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return _backend.SendMessageAsync(new TaskMessage(instanceId, null, new EventRaisedEvent(-1, DateTime.UtcNow, eventName, _options.DataConverter.Serialize(eventPayload))), cancellationToken);
    }

    /// <summary>Terminates an instance; <paramref name="reason"/> becomes its output.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _backend.SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionTerminatedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Suspends an instance: it keeps receiving events but processes none until resumed.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _backend.SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionSuspendedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Resumes a suspended instance.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _backend.SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionResumedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Deletes a finished instance and its history.</summary>
    public virtual async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        new(await _backend.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0);

    /// <summary>Deletes every finished instance matching <paramref name="filter"/>.</summary>
    public virtual async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) =>
        new(await _backend.PurgeInstancesAsync(filter, cancellationToken).ConfigureAwait(false));
}
