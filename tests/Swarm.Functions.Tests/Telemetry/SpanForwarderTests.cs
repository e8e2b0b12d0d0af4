using System.Diagnostics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Swarm.Functions.Telemetry;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>Finished spans reach a real <see cref="TelemetryClient"/> as requests and dependencies, correlated by trace and span ids.</summary>
public sealed class SpanForwarderTests : IDisposable
{
    private readonly CapturingChannel _channel = new();
    private readonly TelemetryConfiguration _configuration;
    private readonly ActivitySource _source = new("Swarm.Tests.Spans." + Guid.NewGuid().ToString("N"));
    private readonly SpanForwarder _forwarder;

    public SpanForwarderTests()
    {
        _configuration = new TelemetryConfiguration { TelemetryChannel = _channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" };

        // A source of this test's own: nothing else running in parallel starts spans on it.
        _forwarder = new SpanForwarder(new TelemetryClient(_configuration), [_source.Name]);
    }

    public void Dispose()
    {
        _forwarder.Dispose();
        _source.Dispose();
        _configuration.Dispose();
    }

    [Theory]
    [InlineData(ActivityKind.Server)]
    [InlineData(ActivityKind.Consumer)]
    public void ServingSpan_BecomesARequestWithTheTracesIds(ActivityKind kind)
    {
        var parent = RemoteParent(ActivityTraceFlags.Recorded);
        string spanId;
        using (var span = _source.StartActivity("orchestration SimulationRun", kind, parent)!)
        {
            span.SetTag("durable.instance_id", "run-1");
            span.SetTag("durable.task_id", 3);
            spanId = span.SpanId.ToHexString();
        }

        var request = Assert.IsType<RequestTelemetry>(Assert.Single(_channel.Items));
        Assert.Equal("orchestration SimulationRun", request.Name);
        Assert.Equal(parent.TraceId.ToHexString(), request.Context.Operation.Id);
        Assert.Equal(parent.SpanId.ToHexString(), request.Context.Operation.ParentId);
        Assert.Equal(spanId, request.Id);
        Assert.True(request.Success);
        Assert.Equal("run-1", request.Properties["durable.instance_id"]);
        Assert.Equal("3", request.Properties["durable.task_id"]);
    }

    [Theory]
    [InlineData(ActivityKind.Internal, "InProc")]
    [InlineData(ActivityKind.Client, "Client")]
    [InlineData(ActivityKind.Producer, "Producer")]
    public void OtherSpan_BecomesADependencyOfItsParent(ActivityKind kind, string type)
    {
        var parent = RemoteParent(ActivityTraceFlags.Recorded);
        string spanId;
        using (var span = _source.StartActivity("work", kind, parent)!)
        {
            spanId = span.SpanId.ToHexString();
        }

        var dependency = Assert.IsType<DependencyTelemetry>(Assert.Single(_channel.Items));
        Assert.Equal(type, dependency.Type);
        Assert.Equal("work", dependency.Name);
        Assert.Equal(parent.TraceId.ToHexString(), dependency.Context.Operation.Id);
        Assert.Equal(parent.SpanId.ToHexString(), dependency.Context.Operation.ParentId);
        Assert.Equal(spanId, dependency.Id);
    }

    [Fact]
    public void NestedSpans_ChildPointsAtItsParentsId()
    {
        string rootId;
        string traceId;
        using (var rootSpan = _source.StartActivity("SimulationJobs process", ActivityKind.Consumer)!)
        {
            rootId = rootSpan.SpanId.ToHexString();
            traceId = rootSpan.TraceId.ToHexString();
            using var childSpan = _source.StartActivity("activity RunSimulationChunk", ActivityKind.Server)!;
            childSpan.SetStatus(ActivityStatusCode.Error, "checkpoint missing");
        }

        var requests = _channel.Items.OfType<RequestTelemetry>().ToList();
        var root = Assert.Single(requests, r => r.Id == rootId);
        var child = Assert.Single(requests, r => r.Id != rootId);
        Assert.Null(root.Context.Operation.ParentId);
        Assert.Equal(traceId, root.Context.Operation.Id);
        Assert.Equal(traceId, child.Context.Operation.Id);
        Assert.Equal(rootId, child.Context.Operation.ParentId);
        Assert.False(child.Success);
        Assert.Equal("checkpoint missing", child.Properties["error.message"]);
    }

    [Fact]
    public void HttpStatusCode_DecidesTheResult()
    {
        using (var span = _source.StartActivity("POST /api/simulations", ActivityKind.Server)!)
        {
            span.SetTag("http.response.status_code", 400);
            span.SetTag("url.full", "http://localhost/api/simulations");
        }

        var request = Assert.IsType<RequestTelemetry>(Assert.Single(_channel.Items));
        Assert.Equal("400", request.ResponseCode);
        Assert.False(request.Success);
        Assert.Equal(new Uri("http://localhost/api/simulations"), request.Url);
    }

    [Fact]
    public void SampledOutParent_SpanIsNotSent()
    {
        using (var span = _source.StartActivity("orchestration SimulationRun", ActivityKind.Server, RemoteParent(ActivityTraceFlags.None)))
        {
            Assert.NotNull(span);
            Assert.False(span.Recorded);
        }

        Assert.Empty(_channel.Items);
    }

    [Fact]
    public void SpanMarkedSent_IsNotSentAgain()
    {
        using (var span = _source.StartActivity("SimulationJobs process", ActivityKind.Consumer)!)
        {
            SpanForwarder.MarkSent(span);
        }

        Assert.Empty(_channel.Items);
    }

    [Fact]
    public void OtherSources_AreNotForwarded()
    {
        using var other = new ActivitySource("Swarm.Tests.Other." + Guid.NewGuid().ToString("N"));

        using (other.StartActivity("elsewhere"))
        {
        }

        Assert.Empty(_channel.Items);
    }

    private static ActivityContext RemoteParent(ActivityTraceFlags flags) =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true);
}
