using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Workflows;

/// <summary>The Durable Task SDK on the embedded SQLite task hub and the embedded state store in a temp folder, for one test.</summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    // Fast retries so failure-path tests finish quickly; the real policy's classification is kept.
    public static readonly WorkflowOptions FastRetries = new()
    {
        ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(10)) { HandleFailure = WorkflowOptions.IsTransient }),
    };

    private readonly DirectoryInfo _folder;

    private WorkflowHost(DirectoryInfo folder, StateStore store, LocalTaskHub host)
    {
        _folder = folder;
        Store = store;
        Host = host;
    }

    public StateStore Store { get; }

    public LocalTaskHub Host { get; }

    public DurableTaskClient Client => Host.Client;

    public static async Task<WorkflowHost> StartAsync(
        Action<DurableTaskRegistry>? replace = null,
        Func<string, bool>? include = null,
        ComputeQuotaOptions? quota = null,
        DirectoryInfo? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("swarm-workflow-");
        var store = EmbeddedStateStore.Open(Path.Combine(folder.FullName, "state"));
        await StateLayout.EnsureAsync(store);
        var host = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(folder.FullName, "durable.db"))),
            registry =>
            {
                registry.AddSwarmWorkflows(options: FastRetries, include: include);
                replace?.Invoke(registry);
            },
            services => services.AddSwarmServices(store, quota: quota, options: FastRetries));
        return new WorkflowHost(folder, store, host);
    }

    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object input, string instanceId)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still being released on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
