using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Backend;
using Swarm.Durable.History;
using Swarm.Durable.Hosting;

namespace Swarm.Durable.Conformance;

/// <summary>
/// The behaviour every <see cref="IDurableBackend"/> must have, checked end to end through the real worker and client.
/// A backend's test project derives from this class and supplies the store; xunit runs the inherited facts.
/// </summary>
/// <remarks>
/// Each test gets a fresh store. Waits are bounded by <see cref="Patience"/> only so a broken backend fails instead of
/// hanging; no test asserts a duration.
/// </remarks>
public abstract partial class BackendConformanceTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private IDurableBackend? _backend;

    /// <summary>Upper bound for any single wait, so a broken backend fails rather than hangs.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Counts activity executions (injected into activities).</summary>
    protected ExecutionLedger Ledger { get; } = new();

    /// <summary>The test's backend (created on first use).</summary>
    protected IDurableBackend Backend => _backend ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Creates a backend over a new, empty store.</summary>
    protected abstract Task<IDurableBackend> CreateBackendAsync();

    /// <summary>Opens another backend over the same store, as a second worker process or a restarted one would.</summary>
    protected abstract Task<IDurableBackend> OpenSameStoreAsync();

    /// <summary>Overwrites the first stored history event of <paramref name="instanceId"/> with unreadable data.</summary>
    protected abstract Task CorruptHistoryAsync(string instanceId);

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        await _backend.CreateIfNotExistsAsync();
        _owned.Add(_backend);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    /// <summary>Worker options for tests: short locks and polls.</summary>
    protected static DurableWorkerOptions TestOptions(TimeSpan? lockDuration = null) => new()
    {
        LockDuration = lockDuration ?? TimeSpan.FromSeconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        MaxDispatchAttempts = 3,
        MaxConcurrentOrchestrations = 4,
        MaxConcurrentActivities = 8,
    };

    /// <summary>Starts a worker and client on <paramref name="backend"/> (the test's backend by default).</summary>
    protected async Task<DurableHost> StartHostAsync(IDurableBackend? backend = null, DurableWorkerOptions? options = null)
    {
        var services = new ServiceCollection().AddSingleton(Ledger).BuildServiceProvider();
        var host = await DurableHost.StartAsync(backend ?? Backend, ConformanceRegistry.Create(), services, options ?? TestOptions());
        _owned.Add(host);
        return host;
    }

    /// <summary>Opens another backend over the same store and keeps it for disposal.</summary>
    protected async Task<IDurableBackend> SecondBackendAsync()
    {
        var backend = await OpenSameStoreAsync();
        _owned.Add(backend);
        return backend;
    }

    /// <summary>Waits for the instance to finish, with inputs and outputs.</summary>
    protected static async Task<OrchestrationMetadata> CompletionAsync(DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var patience = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, patience.Token);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the instance.</summary>
    protected static async Task<OrchestrationMetadata> UntilAsync(DurableTaskClient client, string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, patience.Token);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>Waits until the stored history satisfies <paramref name="condition"/>.</summary>
    protected async Task<IReadOnlyList<HistoryEvent>> UntilHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var history = await Backend.GetHistoryAsync(instanceId, patience.Token);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>Asserts the instance completed and returns its output.</summary>
    protected static T Output<T>(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Assert.True(metadata.RuntimeStatus == OrchestrationStatus.Completed, $"{metadata.RuntimeStatus}: {metadata.FailureDetails?.Summary}");
        return metadata.ReadOutputAs<T>()!;
    }

    /// <summary>Asserts the instance failed and returns its failure.</summary>
    protected static TaskFailureDetails Failure(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Assert.Equal(OrchestrationStatus.Failed, metadata.RuntimeStatus);
        return metadata.FailureDetails!;
    }

    /// <summary>Counts history events of type <typeparamref name="T"/>.</summary>
    protected async Task<int> CountHistoryAsync<T>(string instanceId)
        where T : HistoryEvent => (await Backend.GetHistoryAsync(instanceId)).OfType<T>().Count();

    /// <summary>A unique instance id.</summary>
    protected static string NewId() => Guid.NewGuid().ToString("N");
}
