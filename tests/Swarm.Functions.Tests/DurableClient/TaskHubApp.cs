using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Functions.DurableClient;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>
/// A task hub standing in for the Durable extension's: the Swarm workflows on a local task hub that serves the SDK's
/// gRPC protocol on a loopback port, which the handler's invocations name as the binding's <c>rpcBaseUrl</c>.
/// </summary>
public sealed class TaskHubApp : IAsyncLifetime
{
    /// <summary>The query string the extension's binding carries.</summary>
    public const string RequiredQuery = "taskHub=SwarmHub&connection=Storage&code=not-a-real-key";

    private DirectoryInfo _folder = null!;

    public LocalTaskHub Hub { get; private set; } = null!;

    public DurableTaskClient Client => Hub.Client;

    /// <summary>The binding value the Durable extension would give for this task hub, in the middleware passthrough protocol's shape.</summary>
    public string BindingJson =>
        $$"""{"taskHubName":"SwarmHub","connectionName":null,"rpcBaseUrl":"{{Hub.LoopbackAddress}}","httpBaseUrl":"http://127.0.0.1:1/runtime/webhooks/durabletask","requiredQueryStringParameters":"{{RequiredQuery}}","maxGrpcMessageSizeInBytes":4194304}""";

    /// <summary>The parsed binding.</summary>
    public DurableClientBinding Binding => DurableClientBinding.Parse(BindingJson);

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-taskhub-");
        var store = EmbeddedStateStore.Open(Path.Combine(_folder.FullName, "state"));
        await StateLayout.EnsureAsync(store);
        Hub = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(_folder.FullName, "durable.db"))),
            tasks => tasks.AddSwarmWorkflows().AddBackupWorkflow(),
            services => services.AddSwarmServices(store),
            new LocalTaskHubOptions { LoopbackPort = 0 });
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The input of a SimulationRun of <paramref name="steps"/> steps, as the app's job reader and scheduler build it.</summary>
    public static SimulationRunRequest Run(string id, long steps)
    {
        var job = new JobReader(ModelCatalog.Default).Read($$"""{ "model": "boltzmann", "preset": "small", "steps": {{steps}}, "chunkSteps": 1000 }""", JobKind.Simulation, out var errors);
        Assert.Empty(errors);
        var run = job!.Simulation!;
        return new SimulationRunRequest(id, run.Model, run.Parameters, run.Seed, RunKey: 0, run.Steps, run.ChunkSteps);
    }
}
