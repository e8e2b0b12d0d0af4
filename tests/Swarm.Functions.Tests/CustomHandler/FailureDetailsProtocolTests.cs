using Google.Protobuf.WellKnownTypes;
using Swarm.Durable.History;
using Swarm.Functions.CustomHandler;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class FailureDetailsProtocolTests
{
    [Fact]
    public void ToDurable_NestedInnerFailures_KeepsEveryLevel()
    {
        HistoryEventProtocolTests.AssertNestedFailure(FailureDetailsProtocol.ToDurable(WireSamples.NestedFailure()));
    }

    [Fact]
    public void ToProto_AfterToDurable_EqualsTheOriginalChain()
    {
        var original = WireSamples.NestedFailure();

        Assert.Equal(original, FailureDetailsProtocol.ToProto(FailureDetailsProtocol.ToDurable(original)));
    }

    [Fact]
    public void ToProto_FromException_CarriesTypesMessagesAndInnerException()
    {
        TaskFailureDetails details;
        try
        {
            throw new InvalidOperationException("outer", new TimeoutException("inner"));
        }
        catch (InvalidOperationException ex)
        {
            details = TaskFailureDetails.FromException(ex) with { IsNonRetriable = true };
        }

        var wire = FailureDetailsProtocol.ToProto(details);

        Assert.NotNull(wire);
        Assert.Equal("System.InvalidOperationException", wire.ErrorType);
        Assert.Equal("outer", wire.ErrorMessage);
        Assert.Contains(nameof(ToProto_FromException_CarriesTypesMessagesAndInnerException), wire.StackTrace, StringComparison.Ordinal);
        Assert.True(wire.IsNonRetriable);
        Assert.Equal("System.TimeoutException", wire.InnerFailure.ErrorType);
        Assert.Equal("inner", wire.InnerFailure.ErrorMessage);
        Assert.Null(wire.InnerFailure.StackTrace);
        Assert.Null(wire.InnerFailure.InnerFailure);
    }

    [Fact]
    public void ToDurable_Null_IsNull()
    {
        Assert.Null(FailureDetailsProtocol.ToDurable(null));
        Assert.Null(FailureDetailsProtocol.ToProto(null));
    }

    [Fact]
    public void ToDurable_Properties_AreNotKept()
    {
        var wire = new P.TaskFailureDetails { ErrorType = "E", ErrorMessage = "m", Properties = { ["attempt"] = Value.ForNumber(3) } };

        var back = FailureDetailsProtocol.ToProto(FailureDetailsProtocol.ToDurable(wire));

        Assert.NotNull(back);
        Assert.Empty(back.Properties);
        Assert.Equal("E", back.ErrorType);
    }
}
