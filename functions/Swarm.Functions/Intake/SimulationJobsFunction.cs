using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Intake;

/// <summary>
/// The Service Bus intake: one job message (the same job schema as the HTTP API, with <c>"kind"</c>) starts its
/// orchestration under the message's <c>MessageId</c>.
/// </summary>
/// <remarks>
/// <para>The message id is the instance id, so a redelivered or duplicate message finds the instance and starts
/// nothing (<see cref="IntakeOutcomeKind.Duplicate"/>). An invalid message — bad JSON, a schema error, no usable
/// message id, a body that is not UTF-8 text — is written to <see cref="JobRejections"/> at once with every problem
/// and is not retried. A failure that is not the message's fault (the backend is down) is thrown, so the queue
/// delivers the message again; on delivery <see cref="IntakeOptions.MaxDeliveryCount"/> it is recorded as poisoned
/// with its last error instead.</para>
/// <para>The caller removes the message only after this returns: by then the orchestration exists or the rejection
/// record is durable. A crash anywhere before that leaves the message on the queue to be delivered again.</para>
/// In Azure the Functions host delivers the messages; locally <see cref="QueuePump"/> does.
/// </remarks>
[Function(FunctionName)]
[ServiceBusTrigger("%" + IntakeOptions.QueueSetting + "%", BackgroundFunctionsServiceCollectionExtensions.ServiceBusConnectionName)]
public sealed class SimulationJobsFunction
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "SimulationJobs";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JobReader _reader;
    private readonly JobScheduler _scheduler;
    private readonly JobRejections _rejections;
    private readonly SwarmTelemetry _telemetry;
    private readonly IntakeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the function; the jobs it starts are reported (started, followed) by <paramref name="scheduler"/>'s observers.</summary>
    public SimulationJobsFunction(
        JobReader reader,
        JobScheduler scheduler,
        JobRejections rejections,
        SwarmTelemetry telemetry,
        IntakeOptions options,
        TimeProvider? time = null,
        ILogger<SimulationJobsFunction>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(rejections);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(options);
        _reader = reader;
        _scheduler = scheduler;
        _rejections = rejections;
        _telemetry = telemetry;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SimulationJobsFunction>.Instance;
    }

    /// <summary>Handles one delivery.</summary>
    /// <exception cref="Exception">Processing failed for a reason that is not the message's (and it may still be retried): deliver it again.</exception>
    public async Task<IntakeOutcome> HandleAsync(IntakeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parent = message.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
        using var span = _telemetry.Source.StartActivity(FunctionName + " process", ActivityKind.Consumer, parent) ?? Unobserved(parent);
        span?.SetTag("messaging.system", "servicebus");
        span?.SetTag("messaging.destination.name", _options.QueueName);
        span?.SetTag("messaging.message.id", message.MessageId);
        span?.SetTag("messaging.servicebus.message.delivery_count", message.DeliveryCount);
        try
        {
            // The consumer span is the delivery's request in Application Insights.
            var outcome = await ProcessAsync(message, span, cancellationToken).ConfigureAwait(false);
            span?.SetTag("swarm.intake.outcome", outcome.Kind.ToString());
            _telemetry.IntakeMessage(outcome.Kind.ToString().ToLowerInvariant());
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            _telemetry.IntakeMessage("retried");
            throw;
        }
    }

    private async Task<IntakeOutcome> ProcessAsync(IntakeMessage message, Activity? span, CancellationToken cancellationToken)
    {
        if (message.DeliveryCount > _options.MaxDeliveryCount)
        {
            // Only a handler that died every time (the process itself) gets here without having recorded a failure;
            // running it again might kill the process again.
            return await RejectAsync(message, [$"Delivered {message.DeliveryCount} times (more than {_options.MaxDeliveryCount}) without being handled to the end."], poisoned: true, cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<string>();
        var instanceId = message.MessageId;
        if (string.IsNullOrEmpty(instanceId))
        {
            problems.Add("MessageId: required; it is the job's idempotency key and instance id.");
        }
        else if (!JobScheduler.IsValidInstanceId(instanceId))
        {
            problems.Add($"MessageId: '{instanceId}' cannot be an instance id: 1-64 letters, digits, '-', '_' or '.'.");
        }

        if (!IsAcceptedContentType(message.ContentType))
        {
            problems.Add($"ContentType: '{message.ContentType}' is not JSON; send the job as application/json.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(message.Body.ToMemory().Span);
        }
        catch (DecoderFallbackException)
        {
            problems.Add("$: the body is not UTF-8 text.");
            return await RejectAsync(message, problems, poisoned: false, cancellationToken).ConfigureAwait(false);
        }

        var job = _reader.Read(text.TrimStart('\uFEFF'), out var errors);
        problems.AddRange(errors.Select(e => e.ToString()));
        if (job is null || problems.Count > 0)
        {
            return await RejectAsync(message, problems, poisoned: false, cancellationToken).ConfigureAwait(false);
        }

        span?.SetTag("swarm.instance_id", instanceId);
        span?.SetTag("swarm.job.kind", job.Kind.ToString());
        try
        {
            var start = await _scheduler.StartAsync(job, instanceId!, cancellationToken).ConfigureAwait(false);
            var kind = job.Kind.ToString().ToLowerInvariant();
            if (start.Created)
            {
                _logger.LogInformation("Message {MessageId} started {Kind} job {InstanceId}.", message.MessageId, kind, start.InstanceId);
                return new IntakeOutcome(IntakeOutcomeKind.Started, start.InstanceId);
            }

            _logger.LogInformation("Message {MessageId} (delivery {DeliveryCount}) names existing instance {InstanceId}; nothing started.", message.MessageId, message.DeliveryCount, start.InstanceId);
            return new IntakeOutcome(IntakeOutcomeKind.Duplicate, start.InstanceId);
        }
        catch (Exception e) when (message.DeliveryCount >= _options.MaxDeliveryCount && e is not OperationCanceledException)
        {
            _logger.LogError(e, "Message {MessageId} failed on delivery {DeliveryCount} of {Max}; recorded as poisoned.", message.MessageId, message.DeliveryCount, _options.MaxDeliveryCount);
            return await RejectAsync(message, [$"Failed {message.DeliveryCount} deliveries; last error: {e.GetType().Name}: {e.Message}"], poisoned: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The delivery's span when nothing listens to the app's source: not reported to any listener, but current, so the
    /// job started for the message still records the producer's trace (the runtime's own spans may be listened to).
    /// </summary>
    private static Activity? Unobserved(ActivityContext parent) =>
        parent == default ? null : new Activity(FunctionName + " process").SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start();

    private async Task<IntakeOutcome> RejectAsync(IntakeMessage message, IReadOnlyList<string> problems, bool poisoned, CancellationToken cancellationToken)
    {
        var rejection = JobRejections.Describe(message, problems, poisoned, _time.GetUtcNow());
        await _rejections.RecordAsync(rejection, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("Message {MessageId} rejected{Poisoned}: {Reason}", message.MessageId, poisoned ? " (poisoned)" : string.Empty, rejection.Reason);
        return new IntakeOutcome(IntakeOutcomeKind.Rejected, message.MessageId is { } id && JobScheduler.IsValidInstanceId(id) ? id : null, rejection);
    }

    private static bool IsAcceptedContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
    }
}
