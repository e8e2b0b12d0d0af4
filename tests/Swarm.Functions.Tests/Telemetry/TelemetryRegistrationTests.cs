using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Swarm.Cli;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>What <see cref="SwarmTelemetryServiceCollectionExtensions.AddSwarmTelemetry"/> wires, on a real backend, without a web host.</summary>
public sealed class TelemetryRegistrationTests : IAsyncLifetime
{
    private readonly InMemoryTelemetry _exported = new();
    private DirectoryInfo _folder = null!;
    private LocalSwarm _swarm = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-telemetry-di-");
        _swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        _services = new ServiceCollection()
            .AddSingleton(_swarm.Client)
            .AddSingleton(_swarm.Store)
            .AddSingleton(ModelCatalog.Default)
            .AddSingleton(_exported.Telemetry)
            .AddSingleton(sp => new JobScheduler(sp.GetRequiredService<DurableTaskClient>()))
            .AddSwarmTelemetry(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _swarm.DisposeAsync();

        // Registered as an instance, so the container leaves it (its providers) to the test.
        _exported.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task AddSwarmTelemetry_SchedulerRegisteredBefore_IsReplacedByOneThatReportsStarts()
    {
        var scheduler = _services.GetRequiredService<JobScheduler>();
        var id = "di-" + Guid.NewGuid().ToString("N")[..10];

        var start = await scheduler.StartAsync(new Job(JobKind.Simulation, new SimulationJob("boltzmann", new Dictionary<string, object?>(), 1, 2, 1000), null), id);

        Assert.True(start.Created);
        Assert.Contains(_exported.Events, e => e.Name == "SimulationStarted" && e.Properties["instanceId"] == id);
        Assert.Contains(id, _services.GetRequiredService<JobMonitor>().Tracked);
    }

    [Fact]
    public async Task AddSwarmTelemetry_ActivityBuiltFromTheServices_RecordsOnTheExportedWorkflowMeter()
    {
        var workflows = _services.GetRequiredService<WorkflowTelemetry>();
        var agentSteps = new List<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == workflows.Meter && instrument.Name == "swarm.simulation.agent_steps")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (agentSteps)
            {
                agentSteps.Add(value);
            }
        });
        listener.Start();
        await StateLayout.EnsureAsync(_services.GetRequiredService<StateStore>());
        var parameters = new Dictionary<string, object?> { ["agents"] = 40L };

        // As the custom handler builds an activity: from the app's services, per invocation.
        var activity = ActivatorUtilities.CreateInstance<RunSimulationChunk>(_services);
        await activity.RunAsync(new StandaloneActivityContext(nameof(RunSimulationChunk), "chunk-run"), new ChunkRequest("chunk-run", "boltzmann", parameters, 7, 0, 0, 25));

        Assert.NotSame(WorkflowTelemetry.Default, workflows);
        lock (agentSteps)
        {
            Assert.Equal([40L * 25], agentSteps);
        }

        // The app's telemetry was brought up with the workflow meter, so its export hears it too.
        Assert.Contains(_exported.Points("swarm.simulation.agent_steps"), p => InMemoryTelemetry.Tag(p, "model") as string == "boltzmann" && p.GetSumLong() >= 40 * 25);
    }
}
