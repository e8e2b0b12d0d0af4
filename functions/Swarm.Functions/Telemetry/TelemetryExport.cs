using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// Where <see cref="SwarmTelemetry"/>'s OpenTelemetry providers send what they collect: the exporters added to the
/// trace, metric and log providers.
/// </summary>
/// <remarks>
/// In Azure (and wherever <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set) that is Application Insights through the
/// Azure Monitor exporter (<see cref="AzureMonitor"/>): Server and Consumer spans become requests, the others
/// dependencies, the meters' instruments custom metrics, and log records with a <c>microsoft.custom_event.name</c>
/// attribute custom events. Tests add OpenTelemetry's in-memory exporters instead.
/// </remarks>
/// <param name="Traces">Adds the span exporter.</param>
/// <param name="Metrics">Adds the metric exporter (or reader).</param>
/// <param name="Logs">Adds the log record exporter, which receives the custom events.</param>
public sealed record TelemetryExport(Action<TracerProviderBuilder> Traces, Action<MeterProviderBuilder> Metrics, Action<OpenTelemetryLoggerOptions> Logs)
{
    /// <summary>Application Insights at <paramref name="connectionString"/>, ingestion signed by <paramref name="credential"/> when given (local auth off).</summary>
    public static TelemetryExport AzureMonitor(string connectionString, TokenCredential? credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        }

        return new TelemetryExport(
            traces => traces.AddAzureMonitorTraceExporter(Configure),
            metrics => metrics.AddAzureMonitorMetricExporter(Configure),
            logs => logs.AddAzureMonitorLogExporter(Configure));
    }
}
