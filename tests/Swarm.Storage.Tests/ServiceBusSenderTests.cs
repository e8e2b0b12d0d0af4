using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core.Pipeline;
using Swarm.Storage.ServiceBus;

namespace Swarm.Storage.Tests;

public sealed class ServiceBusSenderTests
{
    private static ServiceBusSender Sender(LoopbackHttpServer server, RecordingTokenCredential credential, string entity = "jobs")
    {
        var options = new ServiceBusSenderOptions { Transport = new HttpClientTransport(server.TrustingHandler()) };
        options.Retry.MaxRetries = 0;
        return new ServiceBusSender(server.Endpoint, entity, credential, options);
    }

    [Fact]
    public async Task SendMessage_AllProperties_PostsTheRestShapeWithBearerToken()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(201), tls: true);
        var credential = new RecordingTokenCredential("token-123");
        var sender = Sender(server, credential);
        var at = new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.Zero);
        var message = new ServiceBusMessage("{\"model\":\"schelling\"}")
        {
            MessageId = "sweep-42",
            ContentType = "application/json",
            CorrelationId = "corr",
            Subject = "sweep",
            TimeToLive = TimeSpan.FromMinutes(2),
            ApplicationProperties = { ["Priority"] = "high", ["Attempt"] = 3, ["Urgent"] = true },
        };

        var response = await sender.ScheduleMessageAsync(message, at);

        Assert.Equal(201, response.Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/jobs/messages", request.Target);
        Assert.Equal("Bearer token-123", request.Headers["Authorization"]);
        Assert.Equal(["https://servicebus.azure.net/.default"], credential.Scopes.Distinct());
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("{\"model\":\"schelling\"}", Encoding.UTF8.GetString(request.Body));
        using var broker = JsonDocument.Parse(request.Headers["BrokerProperties"]);
        Assert.Equal("sweep-42", broker.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("Sun, 22 Nov 2026 03:04:05 GMT", broker.RootElement.GetProperty("ScheduledEnqueueTimeUtc").GetString());
        Assert.Equal("corr", broker.RootElement.GetProperty("CorrelationId").GetString());
        Assert.Equal("sweep", broker.RootElement.GetProperty("Label").GetString());
        Assert.Equal(120, broker.RootElement.GetProperty("TimeToLive").GetDouble());
        Assert.Equal("\"high\"", request.Headers["Priority"]);
        Assert.Equal("3", request.Headers["Attempt"]);
        Assert.Equal("true", request.Headers["Urgent"]);
    }

    [Fact]
    public async Task SendMessage_ServiceRejects_SurfacesStatusAndCode()
    {
        const string error = "<Error><Code>401</Code><Detail>InvalidSignature: The token is invalid.</Detail></Error>";
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(401, error), tls: true);
        var sender = Sender(server, new RecordingTokenCredential("bad"));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(401, failure.Status);
        Assert.Contains("InvalidSignature", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ReservedPropertyName_ThrowsBeforeSending()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(201), tls: true);
        var sender = Sender(server, new RecordingTokenCredential("t"));
        var message = new ServiceBusMessage("x") { ApplicationProperties = { ["Authorization"] = "steal" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendMessageAsync(message));

        Assert.Contains("Authorization", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Constructor_HttpEndpoint_RefusesBearerTokensInTheClear()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceBusSender(new Uri("http://127.0.0.1:1"), "jobs", new RecordingTokenCredential("t")));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://contoso.servicebus.windows.net")]
    [InlineData("contoso.servicebus.windows.net/jobs")]
    public void Constructor_NamespaceNotAHostName_ThrowsArgumentException(string ns)
    {
        Assert.Throws<ArgumentException>(() => new ServiceBusSender(ns, "jobs", new RecordingTokenCredential("t")));
    }

    [Fact]
    public void Constructor_HostName_TargetsTheNamespace()
    {
        var sender = new ServiceBusSender("contoso.servicebus.windows.net", "jobs", new RecordingTokenCredential("t"));

        Assert.Equal("contoso.servicebus.windows.net", sender.FullyQualifiedNamespace);
        Assert.Equal("jobs", sender.EntityPath);
    }
}
