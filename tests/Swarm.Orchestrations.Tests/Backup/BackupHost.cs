using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>The Durable Task SDK on the embedded SQLite task hub running the backup workflow over a given state store, for one test.</summary>
internal sealed class BackupHost : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private BackupHost(DirectoryInfo folder, StateStore store, LocalTaskHub host)
    {
        _folder = folder;
        Store = store;
        Host = host;
    }

    public StateStore Store { get; }

    public LocalTaskHub Host { get; }

    public DurableTaskClient Client => Host.Client;

    /// <summary>Starts a host over <paramref name="store"/>, or over a fresh embedded store when null.</summary>
    public static async Task<BackupHost> StartAsync(StateStore? store = null)
    {
        var folder = Directory.CreateTempSubdirectory("swarm-backup-");
        store ??= EmbeddedStateStore.Open(Path.Combine(folder.FullName, "state"));
        var host = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(folder.FullName, "durable.db"))),
            registry => registry.AddBackupWorkflow(),
            services => services.AddSingleton(store));
        return new BackupHost(folder, store, host);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object input, string instanceId)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(instanceId);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
