using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility.Implementation;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// Sends the spans of the sources it is given to Application Insights as they finish: a span that serves work
/// (kind <see cref="ActivityKind.Server"/> or <see cref="ActivityKind.Consumer"/>) as a request, any other
/// (<see cref="ActivityKind.Internal"/>, <see cref="ActivityKind.Client"/>, <see cref="ActivityKind.Producer"/>) as a
/// dependency, correlated the W3C way: operation id = trace id, id = span id, parent id = parent span id.
/// </summary>
/// <remarks>
/// <para>Sampling follows the trace: a span whose parent was sampled out (a <c>traceparent</c> without the recorded
/// flag) is created for propagation only and not sent; a span with no parent, or a recorded parent, is sent. What
/// another listener asked to record but this one would not have sampled is still skipped when it is not recorded.</para>
/// <para>A span that the app already sent itself (<see cref="SwarmTelemetry.Request"/> with that span) is marked and
/// not sent again. Tags become custom properties; the span's status decides success, unless it carries an HTTP
/// status code. Forwarding never throws into the code that ended the span.</para>
/// </remarks>
public sealed class SpanForwarder : IDisposable
{
    private const string SentProperty = "swarm.telemetry.sent";

    private readonly TelemetryClient _client;
    private readonly HashSet<string> _sources;
    private readonly ActivityListener _listener;

    /// <summary>Starts forwarding the spans of the sources named <paramref name="sources"/> to <paramref name="client"/>.</summary>
    public SpanForwarder(TelemetryClient client, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sources);
        _client = client;
        _sources = new HashSet<string>(sources, StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => _sources.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent == default || options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
                    ? ActivitySamplingResult.AllDataAndRecorded
                    : ActivitySamplingResult.PropagationData,
            ActivityStopped = Send,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The names of the sources whose spans are sent.</summary>
    public IReadOnlyCollection<string> Sources => _sources;

    /// <summary>Marks <paramref name="span"/> as already sent to Application Insights, so that it is not sent twice.</summary>
    public static void MarkSent(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        span.SetCustomProperty(SentProperty, SentProperty);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static OperationTelemetry Convert(Activity span)
    {
        var statusCode = StatusCode(span.GetTagItem("http.response.status_code"));
        var success = statusCode is { } status ? status < 400 : span.Status != ActivityStatusCode.Error;
        var resultCode = statusCode?.ToString(CultureInfo.InvariantCulture) ?? (success ? "0" : "1");
        OperationTelemetry telemetry;
        if (span.Kind is ActivityKind.Server or ActivityKind.Consumer)
        {
            var request = new RequestTelemetry(span.DisplayName, span.StartTimeUtc, span.Duration, resultCode, success);
            if (span.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                request.Url = uri;
            }

            request.Context.Operation.Name = span.DisplayName;
            telemetry = request;
        }
        else
        {
            var dependency = new DependencyTelemetry(DependencyType(span), Target(span), span.DisplayName, data: null, span.StartTimeUtc, span.Duration, resultCode, success);
            telemetry = dependency;
        }

        telemetry.Id = span.SpanId.ToHexString();
        telemetry.Context.Operation.Id = span.TraceId.ToHexString();
        if (span.ParentSpanId != default)
        {
            telemetry.Context.Operation.ParentId = span.ParentSpanId.ToHexString();
        }

        var properties = ((ISupportProperties)telemetry).Properties;
        foreach (var (name, value) in span.EnumerateTagObjects())
        {
            if (value is not null)
            {
                properties[name] = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        if (span.Status == ActivityStatusCode.Error && !string.IsNullOrEmpty(span.StatusDescription))
        {
            properties["error.message"] = span.StatusDescription;
        }

        return telemetry;
    }

    private static int? StatusCode(object? tag) => tag switch
    {
        int code => code,
        long code => (int)code,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => code,
        _ => null,
    };

    private static string DependencyType(Activity span) => span.Kind switch
    {
        ActivityKind.Internal => "InProc",
        _ when span.GetTagItem("messaging.system") is string system => "Queue Message | " + system,
        _ when span.GetTagItem("http.request.method") is not null => "Http",
        _ => span.Kind.ToString(),
    };

    private static string? Target(Activity span) =>
        span.GetTagItem("messaging.destination.name") as string ?? span.GetTagItem("server.address") as string;

    private void Send(Activity span)
    {
        if (!span.Recorded || span.GetCustomProperty(SentProperty) is not null)
        {
            return;
        }

#pragma warning disable CA1031 // Telemetry must never fail the work it describes.
        try
        {
            var telemetry = Convert(span);
            if (telemetry is RequestTelemetry request)
            {
                _client.TrackRequest(request);
            }
            else
            {
                _client.TrackDependency((DependencyTelemetry)telemetry);
            }
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
