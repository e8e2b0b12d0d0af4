using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// A task hub on one machine: the Durable Task SDK's worker runs the registered orchestrations and
/// activities on an <see cref="IOrchestrationService"/>, and the SDK's <see cref="DurableTaskClient"/>
/// talks to that service through the public <c>TaskHubSidecarService</c> gRPC protocol served in-process.
/// </summary>
/// <remarks>
/// The gRPC server (<see cref="TaskHubGrpcServer"/>, API only: the worker dispatches, not the server) listens
/// on a Unix domain socket private to this process, so two <c>swarm</c> processes on one machine never clash
/// over a port. With <see cref="LocalTaskHubOptions.RunWorker"/> off the hub is a client only: it submits into
/// and reads a task hub another process (or the Functions host) runs.
/// </remarks>
public sealed class LocalTaskHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _socketPath;
    private readonly GrpcChannel _channel;

    private LocalTaskHub(WebApplication app, IOrchestrationService service, string socketPath, GrpcChannel channel)
    {
        _app = app;
        Service = service;
        _socketPath = socketPath;
        _channel = channel;
    }

    /// <summary>The SDK's client, talking to this hub over gRPC.</summary>
    public Microsoft.DurableTask.Client.DurableTaskClient Client => _app.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();

    /// <summary>The services the hub's activities are built from (and the client, as <see cref="DurableTaskClient"/>).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The hub's gRPC endpoint on loopback TCP when <see cref="LocalTaskHubOptions.LoopbackPort"/> asked for one.</summary>
    public Uri? LoopbackAddress => _app.Urls.Where(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).Select(u => new Uri(u)).FirstOrDefault();

    /// <summary>The orchestration service the hub runs on.</summary>
    public IOrchestrationService Service { get; }

    /// <summary>
    /// Starts a hub on <paramref name="service"/>: <paramref name="tasks"/> registers the orchestrations and
    /// activities, <paramref name="services"/> adds what their constructors take.
    /// </summary>
    /// <param name="service">The backend; it must also implement <see cref="IOrchestrationServiceClient"/>. The hub owns it and disposes it.</param>
    /// <param name="tasks">Registers the tasks with the SDK's registry.</param>
    /// <param name="services">Adds the services activities and orchestrators are constructed from.</param>
    /// <param name="options">Worker on or off, logging.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LocalTaskHub> StartAsync(
        IOrchestrationService service,
        Action<Microsoft.DurableTask.DurableTaskRegistry> tasks,
        Action<IServiceCollection>? services = null,
        LocalTaskHubOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= new LocalTaskHubOptions();
        var client = service as IOrchestrationServiceClient
            ?? throw new ArgumentException("The orchestration service must also be its client (IOrchestrationServiceClient).", nameof(service));

        var socketPath = Path.Combine(Path.GetTempPath(), $"swarm-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
            if (options.LoopbackPort is { } port)
            {
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.Logging is { } logging)
        {
            logging(builder.Logging);
        }

        builder.Services
            .AddSingleton(service)
            .AddSingleton(client)
            .Configure<TaskHubGrpcServerOptions>(o => o.Mode = TaskHubGrpcServerMode.ApiServerOnly)
            .AddSingleton<TaskHubApiServer>()
            .AddGrpc(grpc => grpc.Interceptors.Add<EnvironmentFaultInterceptor>());
        if (options.RunWorker)
        {
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(tasks);
                worker.UseBuildTarget<OrchestrationServiceWorker>();
            });
        }

        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = (_, ct) => ConnectAsync(socketPath, ct) },
            // Orchestration inputs and outputs can be large; the backend, not the channel, sets the limit.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(channel));
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGrpcService<TaskHubApiServer>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            channel.Dispose();
            File.Delete(socketPath);
            await DisposeServiceAsync(service).ConfigureAwait(false);
            throw;
        }

        return new LocalTaskHub(app, service, socketPath, channel);
    }

    /// <summary>Stops the worker (letting running work items finish) and the gRPC server.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _channel.Dispose();
            File.Delete(_socketPath);
            await DisposeServiceAsync(Service).ConfigureAwait(false);
        }
    }

    private static async ValueTask DisposeServiceAsync(IOrchestrationService service)
    {
        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
