using Google.Protobuf.WellKnownTypes;
using Swarm.Durable.History;
using Swarm.Functions.CustomHandler;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class ProtocolValuesTests
{
    [Fact]
    public void ToTimestamp_UtcTicks_SurviveTheRoundTrip()
    {
        var timestamp = ProtocolValues.ToTimestamp(WireSamples.At);

        Assert.Equal(Timestamp.FromDateTime(WireSamples.At), timestamp);
        Assert.Equal(535_897_900, timestamp.Nanos);
        Assert.Equal(WireSamples.At, ProtocolValues.ToDateTime(timestamp, "t"));
    }

    [Fact]
    public void ToTimestamp_UnspecifiedKind_IsTakenAsUtc()
    {
        var unspecified = DateTime.SpecifyKind(WireSamples.At, DateTimeKind.Unspecified);

        Assert.Equal(Timestamp.FromDateTime(WireSamples.At), ProtocolValues.ToTimestamp(unspecified));
    }

    [Fact]
    public void ToTimestamp_LocalKind_IsConvertedToUtc()
    {
        var local = WireSamples.At.ToLocalTime();

        Assert.Equal(Timestamp.FromDateTime(WireSamples.At), ProtocolValues.ToTimestamp(local));
    }

    [Fact]
    public void ToTimestamp_Null_IsNull()
    {
        Assert.Null(ProtocolValues.ToTimestamp((DateTime?)null));
        Assert.Null(ProtocolValues.ToNullableDateTime(null, "t"));
    }

    [Fact]
    public void ToDateTime_Absent_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<DurableProtocolException>(() => ProtocolValues.ToDateTime(null, "TimerFired.fireAt"));

        Assert.Contains("TimerFired.fireAt", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrchestrationStatus.Running, P.OrchestrationStatus.Running)]
    [InlineData(OrchestrationStatus.Completed, P.OrchestrationStatus.Completed)]
    [InlineData(OrchestrationStatus.ContinuedAsNew, P.OrchestrationStatus.ContinuedAsNew)]
    [InlineData(OrchestrationStatus.Failed, P.OrchestrationStatus.Failed)]
    [InlineData(OrchestrationStatus.Canceled, P.OrchestrationStatus.Canceled)]
    [InlineData(OrchestrationStatus.Terminated, P.OrchestrationStatus.Terminated)]
    [InlineData(OrchestrationStatus.Pending, P.OrchestrationStatus.Pending)]
    [InlineData(OrchestrationStatus.Suspended, P.OrchestrationStatus.Suspended)]
    public void Status_EachValue_MapsToTheSameWireValue(OrchestrationStatus durable, P.OrchestrationStatus wire)
    {
        Assert.Equal(wire, ProtocolValues.ToProto(durable));
        Assert.Equal(durable, ProtocolValues.ToDurable(wire, "status"));
    }

    [Fact]
    public void ToProto_UndefinedStatus_Throws()
    {
        Assert.Throws<DurableProtocolException>(() => ProtocolValues.ToProto((OrchestrationStatus)99));
    }

    [Fact]
    public void Tags_EmptyWireMap_ReadsAsNull()
    {
        Assert.Null(ProtocolValues.ToDurable(new P.TaskScheduledEvent().Tags));
    }
}
