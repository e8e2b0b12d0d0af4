using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// The Durable Task SDK's worker on a DurableTask.Core <see cref="IOrchestrationService"/>: DurableTask.Core's
/// <see cref="TaskHubWorker"/> dispatches, and the SDK's orchestrators and activities run through the SDK's
/// <see cref="DurableTaskShimFactory"/>, so replay is the SDK's own.
/// </summary>
/// <remarks>
/// Chosen over the SDK's gRPC worker because DurableTask.Core's dispatcher keeps an orchestration's execution
/// cursor between episodes of a session (the service's work items carry an <c>IOrchestrationSession</c>):
/// a long orchestration is not replayed from its first event on every completion. Registered with
/// <c>UseBuildTarget&lt;OrchestrationServiceWorker&gt;()</c>; the SDK builds it with the registry's factory.
/// </remarks>
public sealed class OrchestrationServiceWorker : DurableTaskWorker
{
    private readonly IOrchestrationService _service;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DurableTaskShimFactory _shims;

    /// <summary>Creates the worker; called by the SDK's worker builder.</summary>
    public OrchestrationServiceWorker(
        string name,
        IDurableTaskFactory factory,
        IOrchestrationService service,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _services = services;
        _loggerFactory = loggerFactory;
        _shims = new DurableTaskShimFactory(options.Get(name), loggerFactory);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var worker = new TaskHubWorker(
            _service,
            new SdkTaskCatalog<TaskOrchestration>(CreateOrchestration),
            new SdkTaskCatalog<TaskActivity>(CreateActivity),
            _loggerFactory)
        {
            // The SDK's TaskFailedException carries FailureDetails only in this mode.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await _service.CreateIfNotExistsAsync().ConfigureAwait(false);
        await worker.StartAsync().ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to a graceful stop of the dispatchers.
        }
        finally
        {
            await worker.StopAsync(isForced: false).ConfigureAwait(false);
        }
    }

    private TaskOrchestration? CreateOrchestration(string name) =>
        Factory.TryCreateOrchestrator(new TaskName(name), _services, out var orchestrator)
            ? _shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;

    private TaskActivity? CreateActivity(string name) =>
        Factory.TryCreateActivity(new TaskName(name), _services, out var activity)
            ? _shims.CreateActivity(new TaskName(name), activity)
            : null;
}
