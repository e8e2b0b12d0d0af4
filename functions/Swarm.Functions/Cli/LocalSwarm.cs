using Swarm.Durable;
using Swarm.Durable.Hosting;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Cli;

/// <summary>
/// The embedded backend in one data folder: the durable runtime (<c>durable.db</c>, SQLite) and the
/// state store (<c>state/</c>), with every Swarm workflow registered and a worker running in-process.
/// </summary>
/// <remarks>
/// Everything a sweep has done lives in the folder, so a process killed mid-sweep and started again
/// on the same folder picks its orchestrations up where their history ends.
/// </remarks>
public sealed class LocalSwarm : IAsyncDisposable
{
    /// <summary>The data folder used when none is given: <c>.swarm</c> under the current directory.</summary>
    public const string DefaultDataFolder = ".swarm";

    private LocalSwarm(StateStore store, DurableHost host)
    {
        Store = store;
        Host = host;
    }

    /// <summary>The state store: records and blobs.</summary>
    public StateStore Store { get; }

    /// <summary>The durable host: its client starts and queries orchestrations.</summary>
    public DurableHost Host { get; }

    /// <summary>The durable client.</summary>
    public DurableTaskClient Client => Host.Client;

    /// <summary>Opens (creating if needed) the backend in <paramref name="dataFolder"/> and starts its worker.</summary>
    public static async Task<LocalSwarm> StartAsync(string dataFolder, ModelCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        Directory.CreateDirectory(dataFolder);
        var store = EmbeddedStateStore.Open(Path.Combine(dataFolder, "state"));
        await StateLayout.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection().AddSwarmServices(store, catalog).BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddSwarmWorkflows().AddBackupWorkflow();
        // Short locks (renewed while work runs) let a process restarted after a crash take over
        // the dead one's work items within seconds instead of waiting out the default.
        var options = new DurableWorkerOptions { LockDuration = TimeSpan.FromSeconds(5) };
        var host = await DurableHost.StartEmbeddedAsync(Path.Combine(dataFolder, "durable.db"), registry, services, options, cancellationToken).ConfigureAwait(false);
        return new LocalSwarm(store, host);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
