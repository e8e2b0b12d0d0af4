using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Tests.Intake;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Jobs;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Telemetry;

[Collection(ActivityListenerCollection.Name)]
public sealed class SwarmTelemetryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromConnectionString_Absent_IsOffAndEveryCallIsHarmless(string? connectionString)
    {
        using var telemetry = SwarmTelemetry.FromConnectionString(connectionString);

        telemetry.SimulationStarted("simulation", "a");
        telemetry.SimulationCompleted("simulation", "a");
        telemetry.SimulationFailed("sweep", "b", "boom");
        telemetry.SweepProgress("s", 3, 10);
        telemetry.BackupOutcome("backup-20261122", "completed");
        telemetry.Flush();

        Assert.False(telemetry.IsExporting);
        Assert.Empty(telemetry.ExportedSpanSources);
    }

    [Fact]
    public void FromConnectionString_Present_ExportsToApplicationInsights()
    {
        using var telemetry = SwarmTelemetry.FromConnectionString("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/");

        Assert.True(telemetry.IsExporting);
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("IngestionEndpoint=https://127.0.0.1:9/")]
    public void FromConnectionString_Malformed_ThrowsArgumentNamingTheSetting(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => SwarmTelemetry.FromConnectionString(connectionString));

        Assert.Contains(SwarmTelemetry.ConnectionStringSetting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization=AAD")]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000002")]
    public void FromConnectionString_WithEntraAuthentication_Exports(string authentication)
    {
        using var telemetry = SwarmTelemetry.FromConnectionString("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/", authentication);

        Assert.True(telemetry.IsExporting);
    }

    [Fact]
    public void FromConnectionString_BadAuthenticationString_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => SwarmTelemetry.FromConnectionString("InstrumentationKey=00000000-0000-0000-0000-000000000001", "Authorization=Key"));

        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_EachCall_AddsToItsInstrumentWithTags()
    {
        using var telemetry = new SwarmTelemetry();
        var measurements = Listen(telemetry);

        telemetry.SimulationStarted("simulation", "a");
        telemetry.SimulationStarted("sweep", "b");
        telemetry.SimulationCompleted("simulation", "a");
        telemetry.SimulationFailed("sweep", "b", "boom");
        telemetry.SweepProgress("s", 3, 4);
        telemetry.BackupOutcome("backup-20261122", "started");
        telemetry.IntakeMessage("duplicate");

        Assert.Equal(2, measurements.Count(m => m.Instrument == "swarm.simulations.started"));
        Assert.Contains(measurements, m => m.Instrument == "swarm.simulations.started" && m.Tags["kind"] as string == "sweep");
        Assert.Single(measurements, m => m.Instrument == "swarm.simulations.completed");
        Assert.Single(measurements, m => m.Instrument == "swarm.simulations.failed");
        Assert.Equal(0.75, measurements.Single(m => m.Instrument == "swarm.sweep.progress").Value);
        Assert.Equal("started", measurements.Single(m => m.Instrument == "swarm.backup.outcomes").Tags["outcome"]);
        Assert.Equal("duplicate", measurements.Single(m => m.Instrument == "swarm.intake.messages").Tags["outcome"]);
    }

    [Fact]
    public void Export_Events_ArriveAsCustomEventsUnderTheNamesTheAlertsQuery()
    {
        using var exported = new InMemoryTelemetry();

        exported.Telemetry.SimulationStarted("simulation", "run-9");
        exported.Telemetry.SimulationFailed("sweep", "sweep-3", "boom");
        exported.Telemetry.BackupOutcome("backup-20261122", "started");
        exported.Telemetry.BackupOutcome("backup-20261122", "completed");

        var events = exported.Events;
        var started = Assert.Single(events, e => e.Name == "SimulationStarted");
        Assert.Equal("run-9", started.Properties["instanceId"]);
        Assert.Equal("simulation", started.Properties["kind"]);
        Assert.Equal("boom", Assert.Single(events, e => e.Name == "SimulationFailed").Properties["reason"]);
        Assert.Equal("started", Assert.Single(events, e => e.Name == "BackupOutcome").Properties["outcome"]);

        // infra/bicep's missing-backup alert: customEvents | where name == "BackupCompleted".
        Assert.Equal("backup-20261122", Assert.Single(events, e => e.Name == "BackupCompleted").Properties["instanceId"]);
    }

    [Fact]
    public void Export_Counters_ArriveAsMetricsUnderTheInstrumentNames()
    {
        using var exported = new InMemoryTelemetry();

        // Every instance's meter is named Swarm.Functions, and tests run side by side: tag values tell this test's apart.
        var kind = "kind-" + Guid.NewGuid().ToString("N");
        var outcome = "outcome-" + Guid.NewGuid().ToString("N");
        exported.Telemetry.SimulationStarted(kind, "s-1");
        exported.Telemetry.SimulationStarted(kind, "s-2");
        exported.Telemetry.IntakeMessage(outcome);

        Assert.Equal(2, Assert.Single(exported.Points("swarm.simulations.started"), p => InMemoryTelemetry.Tag(p, "kind") as string == kind).GetSumLong());
        Assert.Equal(1, Assert.Single(exported.Points("swarm.intake.messages"), p => InMemoryTelemetry.Tag(p, "outcome") as string == outcome).GetSumLong());
    }

    [Fact]
    public void Export_ConsumerSpanWithARemoteParent_IsExportedInTheProducersTrace()
    {
        using var exported = new InMemoryTelemetry();
        var traceId = ActivityTraceId.CreateRandom();
        var parent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using (exported.Telemetry.Source.StartActivity("SimulationJobs process", ActivityKind.Consumer, parent))
        {
        }

        exported.Telemetry.Flush();
        var span = Assert.Single(exported.Spans, s => s.TraceId == traceId);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
    }

    [Fact]
    public void Export_ParentSampledOut_SpanOnlyPropagatesAndIsNotExported()
    {
        using var exported = new InMemoryTelemetry();
        var traceId = ActivityTraceId.CreateRandom();
        var parent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        using (var span = exported.Telemetry.Source.StartActivity("SimulationJobs process", ActivityKind.Consumer, parent))
        {
            Assert.NotNull(span);
            Assert.False(span.Recorded);
            Assert.Equal(traceId, span.TraceId);
        }

        exported.Telemetry.Flush();
        Assert.DoesNotContain(exported.Spans, s => s.TraceId == traceId);
    }

    [Fact]
    public async Task Intake_StartedJob_CountsItAndContinuesTheProducersTrace()
    {
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        await using var backend = await IntakeBackend.StartAsync();
        var measurements = Listen(backend.Telemetry);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source == backend.Telemetry.Source || source.Name is "Microsoft.DurableTask" or "DurableTask.Core",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                // Only this job's trace: tests running in parallel trace their own jobs.
                if (span.TraceId.ToHexString() != "4bf92f3577b34da6a3ce929d0e0e4736")
                {
                    return;
                }

                lock (spans)
                {
                    spans.Add(span);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var scheduler = new JobScheduler(backend.Swarm.Client, [new JobStartTelemetry(backend.Telemetry)]);
        var function = new SimulationJobsFunction(new JobReader(ModelCatalog.Default), scheduler, backend.Rejections, backend.Telemetry, new IntakeOptions());
        var outcome = await function.HandleAsync(IntakeBackend.Message("traced") with { TraceParent = traceParent });
        await backend.Swarm.Client.WaitForInstanceCompletionAsync("traced", cancellation: IntakeBackend.Patience);

        Assert.Equal(IntakeOutcomeKind.Started, outcome.Kind);
        // Counted once, by the scheduler's observer; the intake itself does not count it again.
        Assert.Equal("simulation", Assert.Single(measurements, m => m.Instrument == "swarm.simulations.started").Tags["kind"]);
        Assert.Contains(measurements, m => m.Instrument == "swarm.intake.messages" && m.Tags["outcome"] as string == "started");
        Activity intake;
        Activity[] orchestration;
        lock (spans)
        {
            intake = spans.Single(s => s.Source == backend.Telemetry.Source);
            orchestration = [.. spans.Where(s => s.Source.Name is "Microsoft.DurableTask" or "DurableTask.Core" && s.GetTagItem("durabletask.task.instance_id") as string == "traced")];
        }

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", intake.TraceId.ToHexString());
        Assert.Equal(ActivityKind.Consumer, intake.Kind);
        Assert.Equal("traced", intake.GetTagItem("swarm.instance_id"));

        // The SDK client's span continues the consumer span and is the orchestration's parent trace context; the
        // worker's spans continue it.
        Assert.NotEmpty(orchestration);
        Assert.All(orchestration, s => Assert.Equal(intake.TraceId, s.TraceId));
        Assert.Contains(orchestration, s => s.Kind == ActivityKind.Producer && s.ParentSpanId == intake.SpanId);
    }

    [Fact]
    public void Export_WorkflowMeasurements_AreExportedByModel()
    {
        using var exported = new InMemoryTelemetry();
        using var workflows = new WorkflowTelemetry();
        var model = "model-" + Guid.NewGuid().ToString("N");

        workflows.Simulated(model, 7_500, TimeSpan.FromSeconds(2));
        workflows.Simulated(model, 2_500, TimeSpan.FromSeconds(1));
        workflows.SweepRunCompleted(model);

        bool OfModel(OpenTelemetry.Metrics.MetricPoint point) => InMemoryTelemetry.Tag(point, "model") as string == model;
        Assert.Equal(10_000, exported.Points("swarm.simulation.agent_steps").Where(OfModel).Sum(p => p.GetSumLong()));
        var speed = exported.Points("swarm.simulation.agent_steps_per_second").Where(OfModel).ToList();
        Assert.Equal(2, speed.Sum(p => p.GetHistogramCount()));
        Assert.Equal(3_750 + 2_500, speed.Sum(p => p.GetHistogramSum()));
        Assert.Equal(1, exported.Points("swarm.sweep.runs_completed").Where(OfModel).Sum(p => p.GetSumLong()));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("7071", false)]
    public void FromConfiguration_AspNetCoreRequests_AreExportedUnlessTheFunctionsHostReportsThem(string? customHandlerPort, bool exported)
    {
        var settings = new Dictionary<string, string?>
        {
            [SwarmTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = customHandlerPort,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        using var telemetry = SwarmTelemetry.FromConfiguration(configuration);

        Assert.True(telemetry.IsExporting);
        Assert.Contains("DurableTask.Core", telemetry.ExportedSpanSources);
        Assert.Contains("Microsoft.DurableTask", telemetry.ExportedSpanSources);
        Assert.Contains("Azure.*", telemetry.ExportedSpanSources);
        Assert.Contains(SwarmTelemetry.Name, telemetry.ExportedSpanSources);
        Assert.Equal(exported, telemetry.ExportedSpanSources.Contains(SwarmTelemetry.AspNetCoreSource));
    }

    [Fact]
    public void FromConfiguration_AuthenticationString_IsHonoured()
    {
        var settings = new Dictionary<string, string?>
        {
            [SwarmTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000001",
            [SwarmTelemetry.AuthenticationStringSetting] = "Authorization=Key",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<ArgumentException>(() => SwarmTelemetry.FromConfiguration(configuration));

        Assert.Contains(SwarmTelemetry.AuthenticationStringSetting, error.Message, StringComparison.Ordinal);
    }

    private static List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Listen(SwarmTelemetry telemetry)
    {
        var measurements = new List<(string, double, Dictionary<string, object?>)>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == telemetry.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, copy));
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        return measurements;
    }
}
