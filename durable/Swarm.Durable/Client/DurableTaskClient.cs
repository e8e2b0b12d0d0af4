using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Swarm.Durable.Backend;
using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>Starts, inspects and controls orchestration instances; thread-safe and long-lived.</summary>
/// <remarks>
/// Built over an <see cref="IDurableBackend"/>, every member goes to that backend. A subclass that reaches its task hub
/// another way (a remote management API) uses the protected constructor without a backend and overrides the
/// primitive operations: scheduling, <see cref="GetInstanceAsync"/>, <see cref="QueryInstancesAsync"/>, the instance
/// commands and the purges. The waits and <see cref="GetAllInstancesAsync"/> are written over those virtual members,
/// so they work for such a subclass unchanged; a primitive it does not override throws
/// <see cref="NotSupportedException"/> naming the member.
/// </remarks>
public class DurableTaskClient
{
    private readonly IDurableBackend? _backend;
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

    /// <summary>Creates a client without a backend, for a subclass that overrides the primitive operations.</summary>
    protected DurableTaskClient(DurableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The client's settings.</summary>
    protected DurableClientOptions Options => _options;

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
        await Backend().CreateInstanceAsync(start, _options.ReplaceFinishedInstances, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an instance; null when it does not exist.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        Backend().GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);

    /// <summary>Waits until the instance has finished (completed, failed or terminated) and returns it.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
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
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
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
        Backend().QueryInstancesAsync(query, cancellationToken);

    /// <summary>Every instance matching <paramref name="query"/>, fetched page by page.</summary>
    public virtual async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new OrchestrationQuery();
        while (true)
        {
            var page = await QueryInstancesAsync(next, cancellationToken).ConfigureAwait(false);
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
        return Backend().SendMessageAsync(new TaskMessage(instanceId, null, new EventRaisedEvent(-1, DateTime.UtcNow, eventName, _options.DataConverter.Serialize(eventPayload))), cancellationToken);
    }

    /// <summary>Terminates an instance; <paramref name="reason"/> becomes its output.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return Backend().SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionTerminatedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Suspends an instance: it keeps receiving events but processes none until resumed.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return Backend().SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionSuspendedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Resumes a suspended instance.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public virtual Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return Backend().SendMessageAsync(new TaskMessage(instanceId, null, new ExecutionResumedEvent(-1, DateTime.UtcNow, _options.DataConverter.Serialize(reason))), cancellationToken);
    }

    /// <summary>Deletes a finished instance and its history.</summary>
    public virtual async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        new(await Backend().PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0);

    /// <summary>Deletes every finished instance matching <paramref name="filter"/>.</summary>
    public virtual async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) =>
        new(await Backend().PurgeInstancesAsync(filter, cancellationToken).ConfigureAwait(false));

    private IDurableBackend Backend([CallerMemberName] string member = "") =>
        _backend ?? throw new NotSupportedException($"{GetType().Name} has no durable backend and does not override {nameof(DurableTaskClient)}.{member}.");
}
