using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Tests.Intake;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Jobs;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Telemetry;

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
        telemetry.Request("SimulationJobs", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3), "Started", true);
        telemetry.Dependency("Azure table", "store", "insert", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1), true);
        telemetry.Flush();

        Assert.False(telemetry.IsForwarding);
        Assert.Null(telemetry.Client);
    }

    [Fact]
    public void FromConnectionString_Present_ForwardsToApplicationInsights()
    {
        using var telemetry = SwarmTelemetry.FromConnectionString("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/");

        Assert.True(telemetry.IsForwarding);
    }

    [Theory]
    [InlineData("Authorization=AAD")]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000002")]
    public void FromConnectionString_WithEntraAuthentication_Forwards(string authentication)
    {
        using var telemetry = SwarmTelemetry.FromConnectionString("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/", authentication);

        Assert.True(telemetry.IsForwarding);
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
    public void Forwarding_SendsEventsRequestsAndDependenciesToTheClient()
    {
        var channel = new CapturingChannel();
        var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" };
        using var telemetry = new SwarmTelemetry(configuration);

        telemetry.SimulationStarted("simulation", "run-9");
        telemetry.BackupOutcome("backup-20261122", "completed");
        telemetry.Request("SimulationJobs", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3), "Started", true);
        telemetry.Dependency("Azure Service Bus", "sb", "send", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1), false);

        var events = channel.Items.OfType<EventTelemetry>().ToList();
        Assert.Contains(events, e => e.Name == "SimulationStarted" && e.Properties["instanceId"] == "run-9");
        Assert.Contains(events, e => e.Name == "BackupCompleted");
        Assert.Single(channel.Items.OfType<RequestTelemetry>(), r => r.Name == "SimulationJobs" && r.ResponseCode == "Started");
        Assert.Single(channel.Items.OfType<DependencyTelemetry>(), d => d.Type == "Azure Service Bus" && d.Success == false);
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
    public void Forwarding_WorkflowMeasurements_BecomeApplicationInsightsMetricsByModel()
    {
        var channel = new CapturingChannel();
        var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" };
        using var telemetry = new SwarmTelemetry(configuration);
        using var workflows = new WorkflowTelemetry();
        var model = "model-" + Guid.NewGuid().ToString("N");

        workflows.Simulated(model, 7_500, TimeSpan.FromSeconds(2));
        workflows.Simulated(model, 2_500, TimeSpan.FromSeconds(1));
        workflows.SweepRunCompleted(model);
        telemetry.Flush();

        var metrics = channel.Items.OfType<MetricTelemetry>().Where(m => m.Properties.TryGetValue("model", out var value) && value == model).ToList();
        Assert.Equal(10_000, Assert.Single(metrics, m => m.Name == "AgentSteps").Sum);
        var speed = Assert.Single(metrics, m => m.Name == "AgentStepsPerSecond");
        Assert.Equal(2, speed.Count);
        Assert.Equal(3_750 + 2_500, speed.Sum);
        Assert.Equal(1, Assert.Single(metrics, m => m.Name == "SweepRunsCompleted").Sum);
    }

    [Fact]
    public void Request_WithSpan_IsSentOnceNotAgainByTheSpanForwarding()
    {
        var channel = new CapturingChannel();
        var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" };
        using var telemetry = new SwarmTelemetry(configuration);
        var traceId = ActivityTraceId.CreateRandom();
        var parent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using (var span = telemetry.Source.StartActivity("SimulationJobs process", ActivityKind.Consumer, parent))
        {
            Assert.NotNull(span);
            telemetry.Request("SimulationJobs", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(2), "Started", success: true, span);
        }

        var request = Assert.Single(channel.Items.OfType<RequestTelemetry>(), r => r.Context.Operation.Id == traceId.ToHexString());
        Assert.Equal("SimulationJobs", request.Name);
        Assert.Equal(parent.SpanId.ToHexString(), request.Context.Operation.ParentId);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("7071", false)]
    public void FromConfiguration_AspNetCoreRequests_AreForwardedUnlessTheFunctionsHostReportsThem(string? customHandlerPort, bool forwarded)
    {
        var settings = new Dictionary<string, string?>
        {
            [SwarmTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = customHandlerPort,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        using var telemetry = SwarmTelemetry.FromConfiguration(configuration);

        Assert.True(telemetry.IsForwarding);
        Assert.Contains("DurableTask.Core", telemetry.ForwardedSpanSources);
        Assert.Contains(SwarmTelemetry.Name, telemetry.ForwardedSpanSources);
        Assert.Equal(forwarded, telemetry.ForwardedSpanSources.Contains(SwarmTelemetry.AspNetCoreSource));
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
