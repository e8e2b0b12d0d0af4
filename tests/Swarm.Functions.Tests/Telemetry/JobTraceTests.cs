using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Swarm.Functions.Tests.Http;
using Swarm.Functions.Tests.Intake;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>
/// A job submitted with a W3C trace context is traced end to end: the SDK client's <c>create_orchestration</c> span
/// continues the caller's, DurableTask.Core's orchestration spans continue that one, and activity spans hang below
/// the orchestration that scheduled them.
/// </summary>
public sealed class JobTraceTests
{
    /// <summary>The Durable Task SDK's client spans and DurableTask.Core's worker spans.</summary>
    private static readonly string[] DurableSources = ["Microsoft.DurableTask", "DurableTask.Core"];

    [Theory]
    [InlineData("/api/simulations", SampleJobs.Simulation)]
    [InlineData("/api/sweeps", SampleJobs.Sweep)]
    public async Task Post_WithTraceParent_OrchestrationAndActivitySpansShareItsTraceId(string path, string job)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var spans = new TraceRecorder(traceId);
        await using var api = await ApiHost.StartEmbeddedAsync();

        using var response = await api.SendAsync(HttpMethod.Post, path, api.Token(), job, r => r.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var status = await api.WaitForCompletionAsync(id);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var recorded = spans.Snapshot();
        Assert.Contains(recorded, s => IsOrchestration(s) && Equals(s.GetTagItem("durabletask.task.instance_id"), id));
        Assert.Contains(recorded, IsActivity);

        // One trace from the HTTP call down: every span of the job, sub-orchestrations included, is in the caller's trace.
        AssertConnected(recorded);
        Assert.All(spans.OfInstance(id), s => Assert.Equal(traceId, s.TraceId));
    }

    [Fact]
    public async Task Intake_MessageWithTraceParent_OrchestrationAndActivitySpansAreChildrenOfTheConsumerSpan()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var spans = new TraceRecorder(traceId);
        await using var backend = await IntakeBackend.StartAsync();
        var id = "traced-" + Guid.NewGuid().ToString("N")[..8];

        var outcome = await backend.Function().HandleAsync(IntakeBackend.Message(id) with { TraceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" });
        var done = await backend.Swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: IntakeBackend.Patience);

        Assert.Equal(Swarm.Functions.Intake.IntakeOutcomeKind.Started, outcome.Kind);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var recorded = spans.Snapshot();
        var consumer = Assert.Single(recorded, s => s.Source == backend.Telemetry.Source);
        Assert.Equal(ActivityKind.Consumer, consumer.Kind);
        var create = Assert.Single(recorded, s => s.Source.Name == "Microsoft.DurableTask" && s.Kind == ActivityKind.Producer);
        Assert.Equal(consumer.SpanId, create.ParentSpanId);
        var orchestration = Assert.Single(recorded, s => IsOrchestration(s) && Equals(s.GetTagItem("durabletask.task.instance_id"), id));
        Assert.Equal(create.SpanId, orchestration.ParentSpanId);
        Assert.Contains(recorded, s => IsActivity(s) && s.ParentSpanId == orchestration.SpanId);
        AssertConnected(recorded);
        Assert.All(spans.OfInstance(id), s => Assert.Equal(traceId, s.TraceId));
    }

    [Fact]
    public async Task QueuePump_MessageWithTraceParent_JobJoinsTheProducersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var spans = new TraceRecorder(traceId);
        await using var backend = await IntakeBackend.StartAsync();
        using var queue = Swarm.Functions.Intake.EmbeddedJobQueue.InDataFolder(backend.Folder, "simulation-jobs");
        await queue.CreateIfNotExistsAsync();
        var id = "queued-" + Guid.NewGuid().ToString("N")[..8];
        await queue.SendAsync(IntakeBackend.Message(id) with { TraceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" });

        // The stored message keeps its traceparent; the pump hands it to the function like the Functions host does.
        var pump = new Swarm.Functions.Intake.QueuePump(queue, backend.Function(), new Swarm.Functions.Intake.IntakeOptions());
        Assert.True(await pump.PumpOnceAsync(IntakeBackend.Patience));
        var done = await backend.Swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: IntakeBackend.Patience);

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var recorded = spans.Snapshot();
        Assert.Single(recorded, s => s.Source == backend.Telemetry.Source);
        Assert.Contains(recorded, IsActivity);
        AssertConnected(recorded);
        Assert.All(spans.OfInstance(id), s => Assert.Equal(traceId, s.TraceId));
    }

    [Fact]
    public async Task Intake_NobodyListensToTheAppsSource_JobStillJoinsTheProducersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        var durable = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => DurableSources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.TraceId == traceId)
                {
                    lock (durable)
                    {
                        durable.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var backend = await IntakeBackend.StartAsync();
        var id = "unobserved-" + Guid.NewGuid().ToString("N")[..8];

        await backend.Function().HandleAsync(IntakeBackend.Message(id) with { TraceParent = $"00-{traceId}-{producerSpan}-01" });
        await backend.Swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: IntakeBackend.Patience);

        List<Activity> recorded;
        lock (durable)
        {
            recorded = [.. durable];
        }

        Assert.Contains(recorded, s => Equals(s.GetTagItem("durabletask.task.instance_id"), id) && IsOrchestration(s));
        Assert.Contains(recorded, IsActivity);

        // The client's span hangs off the delivery's span, which no listener saw, not off the producer's span itself.
        var create = Assert.Single(recorded, s => s.Source.Name == "Microsoft.DurableTask" && s.Kind == ActivityKind.Producer);
        Assert.NotEqual(producerSpan, create.ParentSpanId);
        Assert.DoesNotContain(recorded, s => s.ParentSpanId == producerSpan);
    }

    private static bool IsOrchestration(Activity span) => span.DisplayName.StartsWith("orchestration:", StringComparison.Ordinal);

    private static bool IsActivity(Activity span) => span.DisplayName.StartsWith("activity:", StringComparison.Ordinal);

    /// <summary>Every worker span's parent is a recorded span: the client's, or the orchestration that scheduled it.</summary>
    private static void AssertConnected(IReadOnlyCollection<Activity> recorded)
    {
        var ids = recorded.Select(s => s.SpanId).ToHashSet();
        Assert.All(recorded.Where(s => s.Source.Name == "DurableTask.Core"), s => Assert.Contains(s.ParentSpanId, ids));
    }

    /// <summary>
    /// Records the stopped spans of the function app and the durable runtime that belong to one trace, and, to check
    /// that none strayed from it, those of one instance whatever their trace; parallel tests do not see each other's.
    /// </summary>
    private sealed class TraceRecorder : IDisposable
    {
        private readonly ActivityTraceId _traceId;
        private readonly List<Activity> _spans = [];
        private readonly List<Activity> _all = [];
        private readonly ActivityListener _listener;

        public TraceRecorder(ActivityTraceId traceId)
        {
            _traceId = traceId;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => DurableSources.Contains(source.Name) || source.Name == Swarm.Functions.Telemetry.SwarmTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = span =>
                {
                    lock (_spans)
                    {
                        if (span.TraceId == _traceId)
                        {
                            _spans.Add(span);
                        }
                        else if (span.GetTagItem("durabletask.task.instance_id") is string)
                        {
                            _all.Add(span);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Snapshot()
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }

        /// <summary>Every recorded span of <paramref name="instanceId"/>, in this trace or not.</summary>
        public List<Activity> OfInstance(string instanceId)
        {
            lock (_spans)
            {
                return [.. _spans.Concat(_all).Where(s => Equals(s.GetTagItem("durabletask.task.instance_id"), instanceId))];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
