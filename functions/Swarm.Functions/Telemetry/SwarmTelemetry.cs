using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Identity;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility.Implementation;
using Microsoft.ApplicationInsights.Extensibility;
using Swarm.Functions.Hosting;
using Swarm.Orchestrations;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// The function app's traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/> named
/// <c>Swarm.Functions</c>, and, when an Application Insights connection string is configured, a
/// <see cref="TelemetryClient"/> that receives the same requests, dependencies, events and metrics.
/// </summary>
/// <remarks>
/// <para>Without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> the Application Insights side is off: every call still
/// updates the meter's instruments (for any <see cref="MeterListener"/> or OpenTelemetry exporter) and sends
/// nothing anywhere. Telemetry never throws into the code that reports it. One instance per host (a singleton):
/// the meter and the source are disposed with it.</para>
/// <para>With Application Insights on, it also forwards the workflows' meter (<see cref="WorkflowTelemetry"/>:
/// agent steps, agent steps per second, sweep runs completed, recorded by the activities) as metrics, and the spans
/// of its span sources (by default this app's, the Durable Task SDK's and DurableTask.Core's) as requests and dependencies through
/// a <see cref="SpanForwarder"/>.</para>
/// </remarks>
public sealed class SwarmTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Swarm.Functions";

    /// <summary>The app setting holding the Application Insights connection string.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The app setting that makes ingestion use Entra ID (<c>Authorization=AAD;ClientId=…</c>).</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>ASP.NET Core's activity source: one server span per HTTP request.</summary>
    public const string AspNetCoreSource = "Microsoft.AspNetCore";

    private readonly Meter _meter;
    private readonly TelemetryConfiguration? _configuration;
    private readonly Counter<long> _simulationsStarted;
    private readonly Counter<long> _simulationsCompleted;
    private readonly Counter<long> _simulationsFailed;
    private readonly Histogram<double> _stepsPerSecond;
    private readonly Histogram<double> _sweepProgress;
    private readonly Counter<long> _backupOutcomes;
    private readonly Counter<long> _intakeMessages;
    private readonly Counter<long> _timerRuns;
    private readonly Counter<long> _purgedInstances;
    private readonly MeterListener? _workflowMetrics;
    private readonly SpanForwarder? _spans;

    /// <summary>Telemetry with Application Insights off.</summary>
    public SwarmTelemetry()
        : this(configuration: null)
    {
    }

    /// <summary>
    /// Telemetry that also forwards to Application Insights through <paramref name="configuration"/> (off when null);
    /// tests pass a configuration whose channel captures the items. Spans of <see cref="DefaultSpanSources"/> are forwarded.
    /// </summary>
    public SwarmTelemetry(TelemetryConfiguration? configuration)
        : this(configuration, DefaultSpanSources)
    {
    }

    /// <summary>
    /// Telemetry that also forwards to Application Insights through <paramref name="configuration"/> (off when null),
    /// including the spans of the activity sources named <paramref name="spanSources"/>.
    /// </summary>
    public SwarmTelemetry(TelemetryConfiguration? configuration, IEnumerable<string> spanSources)
    {
        ArgumentNullException.ThrowIfNull(spanSources);
        _configuration = configuration;
        Client = configuration is null ? null : new TelemetryClient(configuration);
        Source = new ActivitySource(Name);
        _meter = new Meter(Name);
        _simulationsStarted = _meter.CreateCounter<long>("swarm.simulations.started", description: "Jobs whose orchestration was started, by kind.");
        _simulationsCompleted = _meter.CreateCounter<long>("swarm.simulations.completed", description: "Jobs that completed, by kind.");
        _simulationsFailed = _meter.CreateCounter<long>("swarm.simulations.failed", description: "Jobs that failed or were terminated, by kind.");
        _stepsPerSecond = _meter.CreateHistogram<double>("swarm.simulation.steps_per_second", "{step}/s", "Model steps per second of a run.");
        _sweepProgress = _meter.CreateHistogram<double>("swarm.sweep.progress", "1", "Fraction of a sweep's runs done.");
        _backupOutcomes = _meter.CreateCounter<long>("swarm.backup.outcomes", description: "Backup triggers and results, by outcome.");
        _intakeMessages = _meter.CreateCounter<long>("swarm.intake.messages", description: "Job messages handled, by outcome.");
        _timerRuns = _meter.CreateCounter<long>("swarm.timer.runs", description: "Timer function runs, by timer and outcome.");
        _purgedInstances = _meter.CreateCounter<long>("swarm.instances.purged", description: "Finished orchestration instances purged.");
        if (Client is not null)
        {
            _workflowMetrics = ForwardWorkflowMetrics(Client);
            _spans = new SpanForwarder(Client, spanSources);
        }
    }

    /// <summary>The span sources forwarded unless others are given: this app's and the durable runtime's.</summary>
    public static IReadOnlyList<string> DefaultSpanSources { get; } = [Name, "Microsoft.DurableTask", "DurableTask.Core"];

    /// <summary>The meter holding every instrument of this instance.</summary>
    public Meter Meter => _meter;

    /// <summary>Spans of the function app; a job's intake span is the parent of what the app does for it.</summary>
    public ActivitySource Source { get; }

    /// <summary>The Application Insights client, or null when Application Insights is off.</summary>
    public TelemetryClient? Client { get; }

    /// <summary>Whether Application Insights receives telemetry.</summary>
    public bool IsForwarding => Client is not null;

    /// <summary>The names of the activity sources whose spans go to Application Insights (empty when it is off).</summary>
    public IReadOnlyCollection<string> ForwardedSpanSources => _spans?.Sources ?? [];

    /// <summary>
    /// Telemetry configured from <paramref name="connectionString"/> (the value of <see cref="ConnectionStringSetting"/>):
    /// Application Insights off when it is null or blank. <paramref name="authenticationString"/> (the value of
    /// <see cref="AuthenticationStringSetting"/>, <c>Authorization=AAD</c> with an optional <c>ClientId=…</c>) signs
    /// ingestion with a managed identity, which a resource with local authentication off requires.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static SwarmTelemetry FromConnectionString(string? connectionString, string? authenticationString = null) =>
        FromConnectionString(connectionString, authenticationString, DefaultSpanSources);

    /// <summary>As <see cref="FromConnectionString(string?, string?)"/>, forwarding the spans of <paramref name="spanSources"/>.</summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static SwarmTelemetry FromConnectionString(string? connectionString, string? authenticationString, IEnumerable<string> spanSources)
    {
        ArgumentNullException.ThrowIfNull(spanSources);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new SwarmTelemetry();
        }

        var configuration = new TelemetryConfiguration();
        try
        {
            configuration.ConnectionString = connectionString;
            if (!string.IsNullOrWhiteSpace(authenticationString))
            {
                configuration.SetAzureTokenCredential(ManagedIdentity(authenticationString));
            }
        }
        catch (ArgumentException e)
        {
            configuration.Dispose();
            throw new ArgumentException($"{ConnectionStringSetting} / {AuthenticationStringSetting}: {e.Message}", nameof(connectionString), e);
        }

        return new SwarmTelemetry(configuration, spanSources);
    }

    /// <summary>
    /// Telemetry configured from the app settings <see cref="ConnectionStringSetting"/> and
    /// <see cref="AuthenticationStringSetting"/>. ASP.NET Core's request spans are forwarded too, except under the
    /// Functions host (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set), which reports every invocation as a request itself.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static SwarmTelemetry FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var underFunctionsHost = !string.IsNullOrEmpty(configuration[AuthSettings.CustomHandlerPort]);
        return FromConnectionString(
            configuration[ConnectionStringSetting],
            configuration[AuthenticationStringSetting],
            underFunctionsHost ? DefaultSpanSources : [.. DefaultSpanSources, AspNetCoreSource]);
    }

    /// <summary>Adds to <paramref name="problems"/> what is wrong with the Application Insights settings, naming them.</summary>
    /// <remarks>For a command's start-up check: a bad setting then stops it with the reason, not half-started.</remarks>
    public static void Check(IConfiguration configuration, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            using var telemetry = FromConnectionString(configuration[ConnectionStringSetting], configuration[AuthenticationStringSetting], []);
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message);
        }
    }

    /// <summary>A job's orchestration was started.</summary>
    public void SimulationStarted(string kind, string instanceId)
    {
        var tag = KindTag(kind);
        _simulationsStarted.Add(1, tag);
        Forward(client => client.TrackEvent("SimulationStarted", Properties(("kind", kind), ("instanceId", instanceId))));
        Forward(client => client.GetMetric("SimulationsStarted", "kind").TrackValue(1, kind));
    }

    /// <summary>A job's orchestration completed.</summary>
    public void SimulationCompleted(string kind, string instanceId)
    {
        _simulationsCompleted.Add(1, KindTag(kind));
        Forward(client => client.TrackEvent("SimulationCompleted", Properties(("kind", kind), ("instanceId", instanceId))));
        Forward(client => client.GetMetric("SimulationsCompleted", "kind").TrackValue(1, kind));
    }

    /// <summary>A job's orchestration failed or was terminated.</summary>
    public void SimulationFailed(string kind, string instanceId, string? reason)
    {
        _simulationsFailed.Add(1, KindTag(kind));
        Forward(client => client.TrackEvent("SimulationFailed", Properties(("kind", kind), ("instanceId", instanceId), ("reason", reason))));
        Forward(client => client.GetMetric("SimulationsFailed", "kind").TrackValue(1, kind));
    }

    /// <summary>A run's speed in model steps per second, as its progress status reports it.</summary>
    public void StepsPerSecond(string model, double value)
    {
        _stepsPerSecond.Record(value, new KeyValuePair<string, object?>("model", model));
        Forward(client => client.GetMetric("StepsPerSecond", "model").TrackValue(value, model));
    }

    /// <summary>A sweep's progress: <paramref name="runsDone"/> of <paramref name="runs"/>.</summary>
    public void SweepProgress(string sweepId, long runsDone, long runs)
    {
        var fraction = runs <= 0 ? 0 : Math.Clamp((double)runsDone / runs, 0, 1);
        _sweepProgress.Record(fraction, new KeyValuePair<string, object?>("sweep", sweepId));
        Forward(client => client.GetMetric("SweepProgress", "sweep").TrackValue(fraction, sweepId));
    }

    /// <summary>
    /// A backup outcome: <c>started</c>, <c>existing</c> (that day's backup was already there), <c>failed</c> (could
    /// not be started), or a finished backup's <c>completed</c> / <c>failed</c> status. A completed backup is also sent
    /// as the event <c>BackupCompleted</c>, which the missing-backup alert looks for.
    /// </summary>
    public void BackupOutcome(string instanceId, string outcome)
    {
        _backupOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Forward(client => client.TrackEvent(outcome == "completed" ? "BackupCompleted" : "BackupOutcome", Properties(("instanceId", instanceId), ("outcome", outcome))));
        Forward(client => client.GetMetric("BackupOutcome", "outcome").TrackValue(1, outcome));
    }

    /// <summary>An intake message was handled with <paramref name="outcome"/> (started, duplicate, rejected, retried).</summary>
    public void IntakeMessage(string outcome)
    {
        _intakeMessages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Forward(client => client.GetMetric("IntakeMessages", "outcome").TrackValue(1, outcome));
    }

    /// <summary>A timer function ran.</summary>
    public void TimerRun(string timer, bool succeeded, bool pastDue)
    {
        _timerRuns.Add(1, new KeyValuePair<string, object?>("timer", timer), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"), new KeyValuePair<string, object?>("pastDue", pastDue));
    }

    /// <summary>Finished instances were purged.</summary>
    public void InstancesPurged(int count)
    {
        _purgedInstances.Add(count);
        Forward(client => client.GetMetric("InstancesPurged").TrackValue(count));
    }

    /// <summary>
    /// Sends a function invocation (a request) to Application Insights; correlated with <paramref name="span"/> when
    /// given, which is then not sent a second time by the span forwarding.
    /// </summary>
    public void Request(string functionName, DateTimeOffset start, TimeSpan duration, string resultCode, bool success, Activity? span = null)
    {
        Forward(client =>
        {
            if (span is not null)
            {
                SpanForwarder.MarkSent(span);
            }

            var request = new RequestTelemetry(functionName, start, duration, resultCode, success);
            Correlate(request, span);
            client.TrackRequest(request);
        });
    }

    /// <summary>Sends a call to another service (a dependency) to Application Insights; <paramref name="span"/> as for <see cref="Request"/>.</summary>
    public void Dependency(string type, string target, string name, DateTimeOffset start, TimeSpan duration, bool success, Activity? span = null)
    {
        Forward(client =>
        {
            if (span is not null)
            {
                SpanForwarder.MarkSent(span);
            }

            var dependency = new DependencyTelemetry(type, target, name, data: null, start, duration, resultCode: success ? "0" : "1", success);
            Correlate(dependency, span);
            client.TrackDependency(dependency);
        });
    }

    /// <summary>Sends what is buffered to Application Insights.</summary>
    public void Flush() => Forward(client => client.Flush());

    /// <inheritdoc />
    public void Dispose()
    {
        _spans?.Dispose();
        _workflowMetrics?.Dispose();
        Flush();
        _meter.Dispose();
        Source.Dispose();
        _configuration?.Dispose();
    }

    private static ManagedIdentityCredential ManagedIdentity(string authenticationString)
    {
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{AuthenticationStringSetting} must be 'Authorization=AAD' (optionally ';ClientId=<identity client id>').", nameof(authenticationString));
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static MeterListener ForwardWorkflowMetrics(TelemetryClient client)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var model = "unknown";
            foreach (var tag in tags)
            {
                if (tag is { Key: "model", Value: string name })
                {
                    model = name;
                }
            }

#pragma warning disable CA1031 // Telemetry must never fail the activity that recorded the measurement.
            try
            {
                client.GetMetric(WorkflowMetricName(instrument.Name), "model").TrackValue(value, model);
            }
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.Start();
        return listener;
    }

    private static string WorkflowMetricName(string instrument) => instrument switch
    {
        "swarm.simulation.agent_steps" => "AgentSteps",
        "swarm.simulation.agent_steps_per_second" => "AgentStepsPerSecond",
        "swarm.sweep.runs_completed" => "SweepRunsCompleted",
        _ => instrument,
    };

    private static KeyValuePair<string, object?> KindTag(string kind) => new("kind", kind);

    private static Dictionary<string, string> Properties(params (string Name, string? Value)[] properties) =>
        properties.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);

    private static void Correlate(OperationTelemetry telemetry, Activity? span)
    {
        if (span is null)
        {
            return;
        }

        telemetry.Context.Operation.Id = span.TraceId.ToHexString();
        telemetry.Id = span.SpanId.ToHexString();
        if (span.ParentSpanId != default)
        {
            telemetry.Context.Operation.ParentId = span.ParentSpanId.ToHexString();
        }
    }

    private void Forward(Action<TelemetryClient> send)
    {
        if (Client is null)
        {
            return;
        }

#pragma warning disable CA1031 // Telemetry must never fail the work it describes.
        try
        {
            send(Client);
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
