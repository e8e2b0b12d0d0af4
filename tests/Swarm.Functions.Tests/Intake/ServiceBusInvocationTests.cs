using System.Text.Json;
using Swarm.Functions.Intake;

namespace Swarm.Functions.Tests.Intake;

public sealed class ServiceBusInvocationTests
{
    [Fact]
    public void Read_BodyAsStringWithMetadata_GivesTheMessage()
    {
        const string invocation = """
            { "Data": { "message": "{\"kind\":\"simulation\"}" },
              "Metadata": { "MessageId": "job-7", "DeliveryCount": 3, "ContentType": "application/json",
                            "ApplicationProperties": { "Diagnostic-Id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } } }
            """;

        var message = ServiceBusInvocation.Read(JsonDocument.Parse(invocation).RootElement);

        Assert.Equal("job-7", message.MessageId);
        Assert.Equal(3, message.DeliveryCount);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", message.TraceParent);
        Assert.Equal("""{"kind":"simulation"}""", message.Body.ToString());
    }

    [Fact]
    public void Read_BodyAlreadyParsedAndNoMetadata_IsAFirstDeliveryWithoutId()
    {
        var message = ServiceBusInvocation.Read(JsonDocument.Parse("""{ "data": { "message": { "kind": "sweep" } } }""").RootElement);

        Assert.Null(message.MessageId);
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal("""{ "kind": "sweep" }""", message.Body.ToString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{ "Metadata": {} }""")]
    [InlineData("""{ "Data": { "other": "x" } }""")]
    public void Read_NotAnInvocation_IsAFormatError(string json)
    {
        Assert.Throws<FormatException>(() => ServiceBusInvocation.Read(JsonDocument.Parse(json).RootElement));
    }
}
