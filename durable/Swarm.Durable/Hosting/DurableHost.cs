using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Backend;
using Swarm.Durable.Sqlite;

namespace Swarm.Durable.Hosting;

/// <summary>The runtime in one process: a backend, a worker running the registered orchestrations, and a client.</summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly bool _ownsBackend;

    private DurableHost(IDurableBackend backend, DurableWorker worker, DurableTaskClient client, bool ownsBackend)
    {
        Backend = backend;
        Worker = worker;
        Client = client;
        _ownsBackend = ownsBackend;
    }

    /// <summary>The backend.</summary>
    public IDurableBackend Backend { get; }

    /// <summary>The worker.</summary>
    public DurableWorker Worker { get; }

    /// <summary>A client on the same backend.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Opens (or creates) the SQLite task hub at <paramref name="databasePath"/> and starts a worker on it.</summary>
    public static Task<DurableHost> StartEmbeddedAsync(
        string databasePath,
        DurableTaskRegistry registry,
        IServiceProvider? services = null,
        DurableWorkerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return StartAsync(new SqliteDurableBackend(databasePath), registry, services, options, ownsBackend: true, cancellationToken);
    }

    /// <summary>Starts a worker and a client on an existing backend (which the caller keeps owning).</summary>
    public static Task<DurableHost> StartAsync(
        IDurableBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider? services = null,
        DurableWorkerOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(backend, registry, services, options, ownsBackend: false, cancellationToken);

    private static async Task<DurableHost> StartAsync(
        IDurableBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider? services,
        DurableWorkerOptions? options,
        bool ownsBackend,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(registry);
        await backend.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var worker = new DurableWorker(backend, registry, services ?? new ServiceCollection().BuildServiceProvider(), options);
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        var converter = (options ?? new DurableWorkerOptions()).Executor.DataConverter;
        return new DurableHost(backend, worker, new DurableTaskClient(backend, new DurableClientOptions { DataConverter = converter }), ownsBackend);
    }

    /// <summary>Stops the worker gracefully (in-flight work finishes or is released when <paramref name="cancellationToken"/> fires).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Worker.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync().ConfigureAwait(false);
        if (_ownsBackend)
        {
            await Backend.DisposeAsync().ConfigureAwait(false);
        }
    }
}
