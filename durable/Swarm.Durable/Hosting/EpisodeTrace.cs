using System.Diagnostics;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Hosting;

/// <summary>
/// The span of one orchestration episode: a child of the trace context on the execution's ExecutionStarted event,
/// started once that event is known (from the new messages, the cached execution or the replayed history) and timed
/// from when the work item was taken.
/// </summary>
/// <remarks>Created only while <see cref="DurableTelemetry.Source"/> has listeners, so an unobserved worker pays nothing.</remarks>
internal sealed class EpisodeTrace(OrchestrationWorkItem item) : IDisposable
{
    private readonly DateTimeOffset _takenAt = DateTimeOffset.UtcNow;
    private bool _begun;

    public Activity? Span { get; private set; }

    /// <summary>Starts the span (the first call only) and makes it current for the rest of the caller's flow.</summary>
    public void Begin(ExecutionStartedEvent? start)
    {
        if (_begun)
        {
            if (Span is not null)
            {
                Activity.Current = Span;
            }

            return;
        }

        _begun = true;
        var parent = TraceContextPropagation.TryParse(start?.ParentTraceContext, out var context) ? context : default;
        Span = DurableTelemetry.Source.StartActivity("orchestration " + item.Name, ActivityKind.Server, parent, startTime: _takenAt);
        if (Span is null)
        {
            return;
        }

        Span.SetTag("durable.type", "orchestration");
        Span.SetTag("durable.name", item.Name);
        Span.SetTag("durable.instance_id", item.InstanceId);
        Span.SetTag("durable.execution_id", item.ExecutionId);
        if (start?.ParentInstance?.OrchestrationInstance.InstanceId is { } parentInstanceId)
        {
            Span.SetTag("durable.parent_instance_id", parentInstanceId);
        }
    }

    public void Fail(Exception error) => Span?.SetStatus(ActivityStatusCode.Error, error.Message);

    public void Dispose() => Span?.Dispose();
}
