using Swarm.Durable;
using Swarm.Durable.Backend;
using Swarm.Durable.Hosting;
using Swarm.Durable.Sqlite;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;
using Swarm.Storage.Durable;

namespace Swarm.Functions.Cli;

/// <summary>
/// The backend a command runs on, with every Swarm workflow registered and a worker running
/// in-process: embedded (one data folder: <c>durable.db</c>, SQLite, and the state store in
/// <c>state/</c>) or Azure Storage (a task hub plus the state store's tables and blobs).
/// </summary>
/// <remarks>
/// Everything a sweep has done lives in the backend, so a process killed mid-sweep and started again
/// on the same backend picks its orchestrations up where their history ends.
/// </remarks>
public sealed class LocalSwarm : IAsyncDisposable
{
    /// <summary>The data folder used when none is given: <c>.swarm</c> under the current directory.</summary>
    public const string DefaultDataFolder = ".swarm";

    private readonly IDurableBackend _backend;

    private LocalSwarm(StateStore store, DurableHost host, IDurableBackend backend)
    {
        Store = store;
        Host = host;
        _backend = backend;
    }

    /// <summary>The state store: records and blobs.</summary>
    public StateStore Store { get; }

    /// <summary>The durable host: its client starts and queries orchestrations.</summary>
    public DurableHost Host { get; }

    /// <summary>The durable client.</summary>
    public DurableTaskClient Client => Host.Client;

    /// <summary>Opens (creating if needed) the backend in <paramref name="dataFolder"/> and starts its worker.</summary>
    public static Task<LocalSwarm> StartAsync(string dataFolder, ModelCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        Directory.CreateDirectory(dataFolder);
        return StartAsync(
            EmbeddedStateStore.Open(Path.Combine(dataFolder, "state")),
            new SqliteDurableBackend(Path.Combine(dataFolder, "durable.db")),
            catalog,
            cancellationToken);
    }

    /// <summary>
    /// Uses Azure Storage (or Azurite) for both: the durable task hub <paramref name="taskHub"/> and the
    /// state store, on the account of <paramref name="connectionString"/>.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static Task<LocalSwarm> StartAzureAsync(string connectionString, string taskHub, ModelCatalog catalog, CancellationToken cancellationToken = default)
    {
        var store = AzureStateStore.Open(connectionString);
        var backend = new AzureStorageDurableBackend(connectionString, new AzureStorageDurableBackendOptions { TaskHubName = taskHub });
        return StartAsync(store, backend, catalog, cancellationToken);
    }

    private static async Task<LocalSwarm> StartAsync(StateStore store, IDurableBackend backend, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        await StateLayout.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection().AddSwarmServices(store, catalog).BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddSwarmWorkflows().AddBackupWorkflow();

        // Short locks (renewed while work runs) let a process restarted after a crash take over
        // the dead one's work items within seconds instead of waiting out the default.
        var options = new DurableWorkerOptions { LockDuration = TimeSpan.FromSeconds(5) };
        var host = await DurableHost.StartAsync(backend, registry, services, options, cancellationToken).ConfigureAwait(false);
        return new LocalSwarm(store, host, backend);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
