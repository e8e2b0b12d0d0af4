using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests.Workflows;

/// <summary>The activities that step simulations report agent steps, speed and finished sweep runs, through the real worker.</summary>
public sealed class WorkflowTelemetryTests : IDisposable
{
    // The test's own instance: its listener hears only this test's activities, whatever runs in parallel.
    private readonly WorkflowTelemetry _telemetry = new();
    private readonly List<(string Instrument, double Value, string? Model)> _measurements = [];
    private readonly MeterListener _listener;

    public WorkflowTelemetryTests()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == _telemetry.Meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _telemetry.Dispose();
    }

    [Fact]
    public async Task SimulationRun_KnownRun_RecordsAgentsTimesStepsOverItsChunks()
    {
        await using var host = await StartAsync();
        var parameters = new Dictionary<string, object?> { ["width"] = 20L, ["height"] = 20L, ["agents"] = 250L };

        // 30 steps in chunks of 4: 8 chunks, the last one 2 steps long.
        var metadata = await host.RunAsync(nameof(SimulationRun), new SimulationRunRequest("run-t", "schelling", parameters, 5, 1, 30, ChunkSteps: 4), "run-t");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var agentSteps = Measured("swarm.simulation.agent_steps");
        Assert.Equal(8, agentSteps.Count);
        Assert.Equal(250 * 30, agentSteps.Sum(m => m.Value));
        Assert.Equal(250 * 2, agentSteps.Min(m => m.Value));
        Assert.All(agentSteps, m => Assert.Equal("schelling", m.Model));
        Assert.All(Measured("swarm.simulation.agent_steps_per_second"), m => Assert.True(m.Value > 0));
        Assert.Empty(Measured("swarm.sweep.runs_completed"));
    }

    [Fact]
    public async Task ParameterSweep_ShortRuns_CountsEveryRunAndItsAgentSteps()
    {
        await using var host = await StartAsync();

        var metadata = await host.RunAsync(nameof(ParameterSweep), new SweepRequest("sweep-t", SweepTestData.SmallGrid, RunsPerActivity: 5), "sweep-t");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);

        // 12 runs of 150 agents × 8 steps, grouped 5, 5 and 2 to an activity.
        Assert.Equal(12, Measured("swarm.sweep.runs_completed").Sum(m => m.Value));
        var agentSteps = Measured("swarm.simulation.agent_steps");
        Assert.Equal(12, agentSteps.Count);
        Assert.All(agentSteps, m => Assert.Equal(150 * 8, m.Value));
    }

    [Fact]
    public async Task RunSweepRuns_RunsAlreadyRecorded_AreNotCountedAgain()
    {
        await using var host = await StartAsync();
        var request = new SweepRequest("sweep-r", SweepTestData.SmallGrid, RunsPerActivity: 4);
        await host.RunAsync(nameof(ParameterSweep), request, "sweep-r");
        await host.Store.Records.DeleteAsync(StateLayout.SweepResults, "sweep-r", SweepRunRecord.RowKey(7));
        lock (_measurements)
        {
            _measurements.Clear();
        }

        await host.RunAsync(nameof(ParameterSweep), request, "sweep-r");

        Assert.Equal(1, Measured("swarm.sweep.runs_completed").Sum(m => m.Value));
        Assert.Equal(150 * 8, Assert.Single(Measured("swarm.simulation.agent_steps")).Value);
    }

    [Fact]
    public void Simulated_NobodyListening_IsNotObserved()
    {
        using var unheard = new WorkflowTelemetry();

        Assert.False(unheard.IsObserved);
        Assert.True(_telemetry.IsObserved);
    }

    [Theory]
    [InlineData("schelling", """{ "width": 10, "height": 10, "agents": 40 }""", 40)]
    [InlineData("boltzmann", """{ "agents": 25 }""", 25)]
    [InlineData("flocking", """{ "birds": 30 }""", 30)]
    [InlineData("wolfsheep", """{ "initialSheep": 12, "initialWolves": 5 }""", 17)]
    [InlineData("forestfire", """{ "width": 10, "height": 10, "density": 1.0 }""", 100)]
    public void AgentCount_NewModel_CountsItsAgentsAsTheComparisonDoes(string model, string parameters, int agents)
    {
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(parameters)!
            .ToDictionary(p => p.Key, p => p.Value.TryGetInt64(out var whole) ? whole : (object?)p.Value.GetDouble(), StringComparer.Ordinal);

        Assert.Equal(agents, ModelCatalog.Default.Create(model, values, seed: 1).AgentCount);
    }

    [Theory]
    [InlineData(100, 100, 10L, 1000L)]
    [InlineData(100, 50, 10L, 750L)]
    [InlineData(100, 100, 0L, 0L)]
    public void AgentSteps_Between_AveragesTheCountsOverTheStretch(int before, int after, long steps, long expected)
    {
        Assert.Equal(expected, AgentSteps.Between(before, after, steps));
    }

    private async Task<WorkflowHost> StartAsync() =>
        await WorkflowHost.StartAsync(
            replace: registry => registry
                .AddActivity(nameof(RunSimulationChunk), services => new RunSimulationChunk(services.GetRequiredService<ModelCatalog>(), services.GetRequiredService<StateStore>(), _telemetry))
                .AddActivity(nameof(RunSweepRuns), services => new RunSweepRuns(services.GetRequiredService<ModelCatalog>(), services.GetRequiredService<StateStore>(), _telemetry)),
            include: name => name is not nameof(RunSimulationChunk) and not nameof(RunSweepRuns));

    private List<(string Instrument, double Value, string? Model)> Measured(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? model = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "model")
            {
                model = tag.Value as string;
            }
        }

        lock (_measurements)
        {
            _measurements.Add((instrument, value, model));
        }
    }
}
