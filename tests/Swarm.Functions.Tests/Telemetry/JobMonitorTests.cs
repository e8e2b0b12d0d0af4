using System.Diagnostics.Metrics;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Tests.Intake;
using Swarm.Orchestrations.Jobs;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Telemetry;

public sealed class JobMonitorTests : IAsyncLifetime
{
    private IntakeBackend _backend = null!;
    private readonly List<(string Instrument, double Value, string? Tag)> _measurements = [];
    private MeterListener? _listener;

    public async Task InitializeAsync()
    {
        _backend = await IntakeBackend.StartAsync();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == _backend.Telemetry.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task CheckAsync_JobStartedByTheIntake_CountsItsCompletionOnceAndStopsTracking()
    {
        var monitor = new JobMonitor(_backend.Swarm.Client, _backend.Telemetry);
        var scheduler = new JobScheduler(_backend.Swarm.Client, [new JobStartTelemetry(_backend.Telemetry, monitor)]);
        var function = new SimulationJobsFunction(new JobReader(ModelCatalog.Default), scheduler, _backend.Rejections, _backend.Telemetry, new IntakeOptions());

        await function.HandleAsync(IntakeBackend.Message("watched"));
        Assert.Equal(["watched"], monitor.Tracked);
        await _backend.Swarm.Client.WaitForInstanceCompletionAsync("watched", cancellation: IntakeBackend.Patience);
        await monitor.CheckAsync();
        await monitor.CheckAsync();

        Assert.Empty(monitor.Tracked);
        Assert.Single(Measured("swarm.simulations.completed"), m => m.Tag == "simulation");
        Assert.Empty(Measured("swarm.simulations.failed"));
    }

    [Fact]
    public async Task CheckAsync_TerminatedJob_CountsAsFailed()
    {
        var monitor = new JobMonitor(_backend.Swarm.Client, _backend.Telemetry);
        const string longRun = """{ "kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 100000000, "chunkSteps": 10 }""";
        await _backend.Function().HandleAsync(IntakeBackend.Message("cut-short", longRun));
        monitor.Track("cut-short", JobKind.Simulation);

        await _backend.Swarm.Client.TerminateInstanceAsync("cut-short", "enough");
        await CheckUntilNothingIsTrackedAsync(monitor);

        Assert.Single(Measured("swarm.simulations.failed"));
        Assert.Empty(Measured("swarm.simulations.completed"));
    }

    [Fact]
    public async Task CheckAsync_RunningSweep_ReportsItsProgressUntilItCompletes()
    {
        const string sweep = """
            { "kind": "sweep", "model": "forestfire", "parameters": { "width": 20, "height": 20 },
              "design": { "type": "grid", "factors": { "density": [0.3, 0.5, 0.7] } }, "replicates": 2, "steps": 5 }
            """;
        var monitor = new JobMonitor(_backend.Swarm.Client, _backend.Telemetry);
        await _backend.Function().HandleAsync(IntakeBackend.Message("sweep-watched", sweep));
        monitor.Track("sweep-watched", JobKind.Sweep);

        // Progress shows once the inner sweep has set its status; completion ends the tracking.
        await CheckUntilNothingIsTrackedAsync(monitor);

        Assert.Single(Measured("swarm.simulations.completed"), m => m.Tag == "sweep");
        Assert.All(Measured("swarm.sweep.progress"), m => Assert.InRange(m.Value, 0, 1));
    }

    [Fact]
    public async Task CheckAsync_ResubmittedJobThatHadAlreadyEnded_IsNotCountedAgain()
    {
        var monitor = new JobMonitor(_backend.Swarm.Client, _backend.Telemetry);
        var scheduler = new JobScheduler(_backend.Swarm.Client, [new JobStartTelemetry(_backend.Telemetry, monitor)]);
        var function = new SimulationJobsFunction(new JobReader(ModelCatalog.Default), scheduler, _backend.Rejections, _backend.Telemetry, new IntakeOptions());
        await function.HandleAsync(IntakeBackend.Message("twice"));
        await _backend.Swarm.Client.WaitForInstanceCompletionAsync("twice", cancellation: IntakeBackend.Patience);
        await monitor.CheckAsync();

        var again = await function.HandleAsync(IntakeBackend.Message("twice", deliveryCount: 2));
        await monitor.CheckAsync();

        Assert.Equal(IntakeOutcomeKind.Duplicate, again.Kind);
        Assert.Empty(monitor.Tracked);
        Assert.Single(Measured("swarm.simulations.started"));
        Assert.Single(Measured("swarm.simulations.completed"));
    }

    [Fact]
    public void Track_BeyondMaxTracked_FollowsNoMore()
    {
        var monitor = new JobMonitor(_backend.Swarm.Client, _backend.Telemetry) { MaxTracked = 2 };

        monitor.Track("a", JobKind.Simulation);
        monitor.Track("b", JobKind.Sweep);
        monitor.Track("c", JobKind.Simulation);
        monitor.Track("a", JobKind.Simulation, created: false);

        Assert.Equal(["a", "b"], monitor.Tracked.Order(StringComparer.Ordinal));
    }

    private static async Task CheckUntilNothingIsTrackedAsync(JobMonitor monitor)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (monitor.Tracked.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The job did not finish.");
            await monitor.CheckAsync();
            await Task.Delay(10);
        }
    }

    private List<(string Instrument, double Value, string? Tag)> Measured(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? tag = null;
        foreach (var t in tags)
        {
            if (t.Key == "kind")
            {
                tag = t.Value as string;
            }
        }

        lock (_measurements)
        {
            _measurements.Add((instrument, value, tag));
        }
    }
}
