using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Functions.Intake;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// The backend a command runs on, with every Swarm workflow registered and the Durable Task SDK's worker running
/// in-process: embedded (one data folder: <c>durable.db</c>, the SQLite task hub, and the state store in
/// <c>state/</c>) or Azure Storage (a DurableTask.AzureStorage task hub plus the state store's tables and blobs).
/// </summary>
/// <remarks>
/// Everything a sweep has done lives in the backend, so a process killed mid-sweep and started again
/// on the same backend picks its orchestrations up where their history ends.
/// </remarks>
public sealed class LocalSwarm : IAsyncDisposable
{
    /// <summary>The data folder used when none is given: <c>.swarm</c> under the current directory.</summary>
    public const string DefaultDataFolder = BackgroundFunctionsServiceCollectionExtensions.DefaultLocalDataFolder;

    /// <summary>The embedded task hub's file in the data folder.</summary>
    public const string TaskHubFileName = "durable.db";

    private LocalSwarm(StateStore store, LocalTaskHub hub)
    {
        Store = store;
        Hub = hub;
    }

    /// <summary>The state store: records and blobs.</summary>
    public StateStore Store { get; }

    /// <summary>The task hub: the SDK's worker and client on the chosen backend.</summary>
    public LocalTaskHub Hub { get; }

    /// <summary>The Durable Task SDK's client.</summary>
    public DurableTaskClient Client => Hub.Client;

    /// <summary>
    /// Opens the backend in <paramref name="dataFolder"/> and starts its worker. A new folder gets a new task hub. A
    /// folder whose state store holds data but whose task hub is missing or empty (deleted by hand, or a state store
    /// restored from a backup) gets a new one too, but not silently: <paramref name="notice"/> hears of it, since the
    /// instances that were running there are gone while their results stay.
    /// </summary>
    /// <exception cref="TaskHubFileException">The task hub file is corrupt, read-only or unopenable.</exception>
    public static async Task<LocalSwarm> StartAsync(string dataFolder, ModelCatalog catalog, Action<string>? notice = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        Directory.CreateDirectory(dataFolder);
        var state = Path.Combine(dataFolder, "state");
        var file = Path.GetFullPath(Path.Combine(dataFolder, TaskHubFileName));
        if (TaskHubFile.Check(file) is not TaskHubFileState.Ready and var found && Directory.Exists(state) && Directory.EnumerateFileSystemEntries(state).Any())
        {
            notice?.Invoke($"Task hub file '{file}' is {(found == TaskHubFileState.Missing ? "missing" : "empty")} beside the state in '{Path.GetFullPath(state)}': a new task hub is started; instances that ran in the old one are gone, their stored results are kept.");
        }

        // Short locks let a process restarted after a crash take over the dead one's work items within seconds
        // instead of waiting out the default.
        var service = await TaskHubFile.OpenAsync(
            new SqliteOrchestrationServiceOptions(file) { LockDuration = TimeSpan.FromSeconds(5) },
            createIfMissing: true).ConfigureAwait(false);
        return await StartAsync(EmbeddedStateStore.Open(state), service, runWorker: true, catalog, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses Azure Storage (or Azurite) for both: the DurableTask.AzureStorage task hub <paramref name="taskHub"/> (the
    /// format the Durable Functions extension writes) and the state store, on the account of <paramref name="connectionString"/>.
    /// With <paramref name="runWorker"/> false the process only submits and reads; whoever owns the task hub runs the work.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="InvalidOperationException">The account holds tables of that task hub's name in another format.</exception>
    public static async Task<LocalSwarm> StartAzureAsync(string connectionString, string taskHub, ModelCatalog catalog, bool runWorker = true, CancellationToken cancellationToken = default)
    {
        var store = AzureStateStore.Open(connectionString);
        var service = await AzureStorageTaskHub.OpenAsync(connectionString, taskHub, cancellationToken).ConfigureAwait(false);
        return await StartAsync(store, service, runWorker, catalog, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LocalSwarm> StartAsync(StateStore store, DurableTask.Core.IOrchestrationService service, bool runWorker, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        await StateLayout.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
        var hub = await LocalTaskHub.StartAsync(
            service,
            tasks => tasks.AddSwarmWorkflows(catalog).AddBackupWorkflow(),
            services => services.AddSwarmServices(store, catalog),
            new LocalTaskHubOptions { RunWorker = runWorker },
            cancellationToken).ConfigureAwait(false);
        return new LocalSwarm(store, hub);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
