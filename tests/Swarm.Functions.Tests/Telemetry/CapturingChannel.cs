using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>An Application Insights channel that keeps what it is sent instead of sending it.</summary>
internal sealed class CapturingChannel : ITelemetryChannel
{
    public ConcurrentQueue<ITelemetry> Items { get; } = new();

    public bool? DeveloperMode { get; set; }

    public string? EndpointAddress { get; set; }

    public void Send(ITelemetry item) => Items.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
