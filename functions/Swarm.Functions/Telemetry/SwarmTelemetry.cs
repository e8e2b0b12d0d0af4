using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Swarm.Functions.Hosting;
using Swarm.Orchestrations;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// The function app's traces, metrics and custom events: an <see cref="ActivitySource"/> and a <see cref="Meter"/> named
/// <c>Swarm.Functions</c>, and, when an export is configured, OpenTelemetry's trace, metric and log providers that send
/// them — with the spans of the Durable Task SDK, DurableTask.Core, the Azure SDK and (outside the Functions host)
/// ASP.NET Core, and the workflows' meter — to Application Insights through the Azure Monitor exporter.
/// </summary>
/// <remarks>
/// <para>Without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> the export is off: every call still updates the meter's
/// instruments (for any <see cref="MeterListener"/> or OpenTelemetry reader) and sends nothing anywhere. Telemetry never
/// throws into the code that reports it. One instance per host (a singleton): the providers, the meter and the source
/// are disposed with it.</para>
/// <para>Custom events (<c>SimulationStarted</c>, <c>SimulationCompleted</c>, <c>SimulationFailed</c>,
/// <c>BackupOutcome</c> and <c>BackupCompleted</c>, which the missing-backup alert looks for) are log records with the
/// exporter's <c>microsoft.custom_event.name</c> attribute; their other attributes become the event's properties.</para>
/// <para>Sampling follows the trace (OpenTelemetry's default, parent-based): a span whose parent was sampled out is
/// created for propagation only; the W3C context still flows to everything started under it.</para>
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

    /// <summary>The log attribute that makes a log record an Application Insights custom event.</summary>
    public const string CustomEventAttribute = "microsoft.custom_event.name";

    private const string LocalTaskHubService = "/TaskHubSidecarService";

    private const string EventTemplate = "{" + CustomEventAttribute + "} {kind} {instanceId}";

    private readonly Meter _meter;
    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;
    private readonly ILoggerFactory? _eventLogs;
    private readonly ILogger _events;
    private readonly Counter<long> _simulationsStarted;
    private readonly Counter<long> _simulationsCompleted;
    private readonly Counter<long> _simulationsFailed;
    private readonly Histogram<double> _stepsPerSecond;
    private readonly Histogram<double> _sweepProgress;
    private readonly Counter<long> _backupOutcomes;
    private readonly Counter<long> _intakeMessages;
    private readonly Counter<long> _timerRuns;
    private readonly Counter<long> _purgedInstances;

    /// <summary>Telemetry with the export off.</summary>
    public SwarmTelemetry()
        : this(export: null)
    {
    }

    /// <summary>Telemetry exported by <paramref name="export"/> (off when null), with the spans of <see cref="DefaultSpanSources"/>.</summary>
    public SwarmTelemetry(TelemetryExport? export)
        : this(export, DefaultSpanSources)
    {
    }

    /// <summary>Telemetry exported by <paramref name="export"/> (off when null), with the spans of the sources named <paramref name="spanSources"/>.</summary>
    public SwarmTelemetry(TelemetryExport? export, IEnumerable<string> spanSources)
    {
        ArgumentNullException.ThrowIfNull(spanSources);
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
        if (export is null)
        {
            _events = NullLogger.Instance;
            return;
        }

        var sources = spanSources.ToArray();
        ExportedSpanSources = sources;
        try
        {
            // The Azure SDK's spans ("Azure.*") need Azure.Experimental.EnableActivitySource, set in the apps' runtimeconfig.
            var resource = ResourceBuilder.CreateDefault().AddService(Name);
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource([.. sources.Where(s => s != AspNetCoreSource)]);
            if (sources.Contains(AspNetCoreSource))
            {
                // The local task hub serves the Durable Task SDK's gRPC protocol (TaskHubSidecarService) in the same
                // process: its calls are the client's plumbing, not requests to the app, and would swell the requests
                // the 5xx alert divides by.
                tracing.AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments(LocalTaskHubService, StringComparison.Ordinal));
            }

            export.Traces(tracing);
            _tracing = tracing.Build();
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Name, WorkflowTelemetry.Name);
            export.Metrics(metrics);
            _metrics = metrics.Build();
            _eventLogs = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
            {
                options.SetResourceBuilder(resource);
                export.Logs(options);
            }));
            _events = _eventLogs.CreateLogger(Name);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The span sources exported unless others are given: this app's, the durable runtime's and the Azure SDK's.</summary>
    public static IReadOnlyList<string> DefaultSpanSources { get; } = [Name, "Microsoft.DurableTask", "DurableTask.Core", "Azure.*"];

    /// <summary>The meter holding every instrument of this instance.</summary>
    public Meter Meter => _meter;

    /// <summary>Spans of the function app; a job's intake span is the parent of what the app does for it.</summary>
    public ActivitySource Source { get; }

    /// <summary>Whether an export is configured.</summary>
    public bool IsExporting => _tracing is not null;

    /// <summary>The names of the activity sources whose spans are exported (empty when the export is off).</summary>
    public IReadOnlyCollection<string> ExportedSpanSources { get; } = [];

    /// <summary>
    /// Telemetry exported to Application Insights at <paramref name="connectionString"/> (the value of
    /// <see cref="ConnectionStringSetting"/>): off when it is null or blank. <paramref name="authenticationString"/> (the
    /// value of <see cref="AuthenticationStringSetting"/>, <c>Authorization=AAD</c> with an optional <c>ClientId=…</c>) signs
    /// ingestion with a managed identity, which a resource with local authentication off requires.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static SwarmTelemetry FromConnectionString(string? connectionString, string? authenticationString = null) =>
        FromConnectionString(connectionString, authenticationString, DefaultSpanSources);

    /// <summary>As <see cref="FromConnectionString(string?, string?)"/>, exporting the spans of <paramref name="spanSources"/>.</summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static SwarmTelemetry FromConnectionString(string? connectionString, string? authenticationString, IEnumerable<string> spanSources)
    {
        ArgumentNullException.ThrowIfNull(spanSources);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new SwarmTelemetry();
        }

        var credential = string.IsNullOrWhiteSpace(authenticationString) ? null : ManagedIdentity(authenticationString);
        try
        {
            return new SwarmTelemetry(TelemetryExport.AzureMonitor(connectionString, credential), spanSources);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"{ConnectionStringSetting}: {e.Message}", nameof(connectionString), e);
        }
    }

    /// <summary>
    /// Telemetry configured from the app settings <see cref="ConnectionStringSetting"/> and
    /// <see cref="AuthenticationStringSetting"/>. ASP.NET Core's request spans are exported too, except under the
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
        _simulationsStarted.Add(1, KindTag(kind));
        Event("SimulationStarted", kind, instanceId);
    }

    /// <summary>A job's orchestration completed.</summary>
    public void SimulationCompleted(string kind, string instanceId)
    {
        _simulationsCompleted.Add(1, KindTag(kind));
        Event("SimulationCompleted", kind, instanceId);
    }

    /// <summary>A job's orchestration failed or was terminated.</summary>
    public void SimulationFailed(string kind, string instanceId, string? reason)
    {
        _simulationsFailed.Add(1, KindTag(kind));
        Report(() => _events.LogInformation(EventTemplate + " {reason}", "SimulationFailed", kind, instanceId, reason));
    }

    /// <summary>A run's speed in model steps per second, as its progress status reports it.</summary>
    public void StepsPerSecond(string model, double value) =>
        _stepsPerSecond.Record(value, new KeyValuePair<string, object?>("model", model));

    /// <summary>A sweep's progress: <paramref name="runsDone"/> of <paramref name="runs"/>.</summary>
    public void SweepProgress(string sweepId, long runsDone, long runs)
    {
        var fraction = runs <= 0 ? 0 : Math.Clamp((double)runsDone / runs, 0, 1);
        _sweepProgress.Record(fraction, new KeyValuePair<string, object?>("sweep", sweepId));
    }

    /// <summary>
    /// A backup outcome: <c>started</c>, <c>existing</c> (that day's backup was already there), <c>failed</c> (could
    /// not be started), or a finished backup's <c>completed</c> / <c>failed</c> status. A completed backup is also sent
    /// as the event <c>BackupCompleted</c>, which the missing-backup alert looks for.
    /// </summary>
    public void BackupOutcome(string instanceId, string outcome)
    {
        _backupOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Report(() => _events.LogInformation("{" + CustomEventAttribute + "} {instanceId} {outcome}", outcome == "completed" ? "BackupCompleted" : "BackupOutcome", instanceId, outcome));
    }

    /// <summary>An intake message was handled with <paramref name="outcome"/> (started, duplicate, rejected, retried).</summary>
    public void IntakeMessage(string outcome) =>
        _intakeMessages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A timer function ran.</summary>
    public void TimerRun(string timer, bool succeeded, bool pastDue) =>
        _timerRuns.Add(1, new KeyValuePair<string, object?>("timer", timer), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"), new KeyValuePair<string, object?>("pastDue", pastDue));

    /// <summary>Finished instances were purged.</summary>
    public void InstancesPurged(int count) => _purgedInstances.Add(count);

    /// <summary>Sends what the providers hold (ended spans, the metrics so far, events) to the exporters.</summary>
    public void Flush()
    {
        _tracing?.ForceFlush();
        _metrics?.ForceFlush();

        // The log provider flushes on dispose only; its records go out as they are written (batched by the exporter).
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
        _eventLogs?.Dispose();
        _meter.Dispose();
        Source.Dispose();
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

    private static KeyValuePair<string, object?> KindTag(string kind) => new("kind", kind);

    private void Event(string name, string kind, string instanceId) =>
        Report(() => _events.LogInformation(EventTemplate, name, kind, instanceId));

    private static void Report(Action send)
    {
#pragma warning disable CA1031 // Telemetry must never fail the work it describes.
        try
        {
            send();
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
