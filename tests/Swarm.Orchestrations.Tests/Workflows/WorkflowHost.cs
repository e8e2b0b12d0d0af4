using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable;
using Swarm.Durable.Hosting;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Workflows;

/// <summary>The real durable runtime (embedded SQLite) and the embedded state store in a temp folder, for one test.</summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    // Fast retries so failure-path tests finish quickly; the real policy's classification is kept.
    public static readonly WorkflowOptions FastRetries = new()
    {
        ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(10)) { HandleFailure = WorkflowOptions.IsTransient }),
    };

    private readonly DirectoryInfo _folder;

    private WorkflowHost(DirectoryInfo folder, StateStore store, DurableHost host)
    {
        _folder = folder;
        Store = store;
        Host = host;
    }

    public StateStore Store { get; }

    public DurableHost Host { get; }

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
        var services = new ServiceCollection().AddSwarmServices(store, quota: quota, options: FastRetries).BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddSwarmWorkflows(include);
        replace?.Invoke(registry);
        var host = await DurableHost.StartEmbeddedAsync(
            Path.Combine(folder.FullName, "durable.db"),
            registry,
            services,
            new DurableWorkerOptions { MaxPollInterval = TimeSpan.FromMilliseconds(20) });
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
