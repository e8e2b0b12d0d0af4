using System.Diagnostics;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Swarm.Functions.Intake;

namespace Swarm.Functions.Tests.Intake;

/// <summary>
/// The Service Bus intake of <c>swarm serve --servicebus</c> on the SDK's message types: messages made as
/// <c>swarm submit --servicebus</c> makes them, received as the broker would hand them over
/// (<see cref="ServiceBusModelFactory"/>; there is no Service Bus emulator here), settled by the same rules as the trigger.
/// </summary>
public sealed class ServiceBusIntakeTests : IAsyncLifetime
{
    private IntakeBackend _backend = null!;
    private ServiceBusClient _client = null!;

    public async Task InitializeAsync()
    {
        _backend = await IntakeBackend.StartAsync();

        // The client connects only when a processor starts; these tests hand messages to the handler directly.
        _client = new ServiceBusClient("swarm-tests.servicebus.windows.net", new DefaultAzureCredential());
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private ServiceBusIntake Intake(SimulationJobsFunction? function = null) =>
        new(_client.CreateProcessor(IntakeOptions.DefaultQueueName, ServiceBusIntake.ProcessorOptions), function ?? _backend.Function());

    private static ServiceBusReceivedMessage Received(ServiceBusMessage sent, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            contentType: sent.ContentType,
            properties: sent.ApplicationProperties,
            deliveryCount: deliveryCount);

    private static ServiceBusMessage Submitted(string id, string body = IntakeBackend.Job, string? traceParent = null) =>
        ServiceBusJobMessage.ToServiceBus(new IntakeMessage(id, BinaryData.FromString(body), 0, "application/json", traceParent));

    [Fact]
    public void ToServiceBus_SubmittedJob_CarriesTheIdContentTypeAndTraceparent()
    {
        var traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        var sent = Submitted("sb-job-1", traceParent: traceParent);

        Assert.Equal("sb-job-1", sent.MessageId);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(traceParent, sent.ApplicationProperties[ServiceBusJobMessage.TraceParentProperty]);
        Assert.Equal(IntakeBackend.Job, sent.Body.ToString());
    }

    [Fact]
    public async Task Handle_SubmittedJob_StartsItUnderTheMessageIdInTheProducersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Swarm.Functions.Telemetry.SwarmTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        var spans = new List<Activity>();
        listener.ActivityStopped = spans.Add;
        ActivitySource.AddActivityListener(listener);

        var outcome = await Intake().HandleAsync(Received(Submitted("sb-job-2", traceParent: traceParent)));

        Assert.Equal(IntakeOutcomeKind.Started, outcome?.Kind);
        Assert.NotNull(await _backend.Swarm.Client.GetInstanceAsync("sb-job-2"));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Consumer && s.TraceId == traceId);
    }

    [Fact]
    public async Task Handle_Redelivered_IsADuplicateAndStartsNothingTwice()
    {
        var client = new FlakyClient(_backend.Swarm.Client);
        var intake = Intake(_backend.Function(client: client));
        var sent = Submitted("sb-job-3");

        var first = await intake.HandleAsync(Received(sent));
        var again = await intake.HandleAsync(Received(sent, deliveryCount: 2));

        Assert.Equal(IntakeOutcomeKind.Started, first?.Kind);
        Assert.Equal(IntakeOutcomeKind.Duplicate, again?.Kind);
        Assert.Equal(1, client.Scheduled);
    }

    [Fact]
    public async Task Handle_InvalidJob_IsRecordedAndToBeCompleted()
    {
        var outcome = await Intake().HandleAsync(Received(Submitted("sb-bad-1", """{ "kind": "simulation", "model": "nope" }""")));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome?.Kind);
        var rejection = Assert.Single(await _backend.RejectionsOfAsync("sb-bad-1"));
        Assert.Contains("model", rejection.Reason, StringComparison.Ordinal);
        Assert.Null(await _backend.Swarm.Client.GetInstanceAsync("sb-bad-1"));
    }

    [Fact]
    public async Task Handle_BackendDown_IsAbandonedUntilTheLastDeliveryThenRecordedAsPoisoned()
    {
        var client = new FlakyClient(_backend.Swarm.Client).FailBeforeEveryCall(int.MaxValue);
        var options = new IntakeOptions();
        var intake = Intake(_backend.Function(options, client));
        var sent = Submitted("sb-down-1");

        var early = await intake.HandleAsync(Received(sent, deliveryCount: 1));
        var last = await intake.HandleAsync(Received(sent, deliveryCount: options.MaxDeliveryCount));

        Assert.Null(early);
        Assert.Equal(IntakeOutcomeKind.Rejected, last?.Kind);
        Assert.True(Assert.Single(await _backend.RejectionsOfAsync("sb-down-1")).Poisoned);
    }

    [Fact]
    public void FromServiceBus_OnlyDiagnosticId_ReadsItAsTheTraceContext()
    {
        var traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(IntakeBackend.Job),
            messageId: "other-producer",
            properties: new Dictionary<string, object> { [ServiceBusJobMessage.DiagnosticIdProperty] = traceParent },
            deliveryCount: 3);

        var message = ServiceBusJobMessage.FromServiceBus(received);

        Assert.Equal(traceParent, message.TraceParent);
        Assert.Equal(3, message.DeliveryCount);
        Assert.Equal("other-producer", message.MessageId);
    }

    [Fact]
    public async Task Constructor_ProcessorThatCompletesByItself_IsRefused()
    {
        await using var processor = _client.CreateProcessor("q", new ServiceBusProcessorOptions { AutoCompleteMessages = true });

        Assert.Throws<ArgumentException>(() => new ServiceBusIntake(processor, _backend.Function()));
    }

    [Theory]
    [InlineData("contoso", "contoso.servicebus.windows.net")]
    [InlineData("contoso.servicebus.windows.net", "contoso.servicebus.windows.net")]
    public void FullyQualifiedNamespace_NameOrHost_IsTheHost(string given, string expected)
    {
        Assert.Equal(expected, ServiceBusJobMessage.FullyQualifiedNamespace(given));
    }

    [Theory]
    [InlineData("https://contoso.servicebus.windows.net")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=x")]
    public void FullyQualifiedNamespace_NotAHostName_ThrowsArgumentSayingSo(string given)
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceBusJobMessage.FullyQualifiedNamespace(given));

        Assert.Contains("not a namespace host name", error.Message, StringComparison.Ordinal);
    }
}
