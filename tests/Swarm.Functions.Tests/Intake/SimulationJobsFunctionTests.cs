using System.Text;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Intake;

namespace Swarm.Functions.Tests.Intake;

public sealed class SimulationJobsFunctionTests : IAsyncLifetime
{
    private IntakeBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await IntakeBackend.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task HandleAsync_ValidJob_StartsSimulationRunUnderTheMessageId()
    {
        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message("run-1"));

        Assert.Equal(new IntakeOutcome(IntakeOutcomeKind.Started, "run-1"), outcome);
        var instance = await _backend.Swarm.Client.GetInstanceAsync("run-1");
        Assert.Equal("SimulationRun", instance?.Name);
    }

    [Fact]
    public async Task HandleAsync_SameIdWithAnotherBody_IsADuplicateBecauseTheIdIsTheKey()
    {
        var function = _backend.Function();
        await function.HandleAsync(IntakeBackend.Message("run-2"));

        var second = await function.HandleAsync(IntakeBackend.Message("run-2", IntakeBackend.Job.Replace("\"steps\": 2", "\"steps\": 3", StringComparison.Ordinal), deliveryCount: 1));

        Assert.Equal(IntakeOutcomeKind.Duplicate, second.Kind);
    }

    [Fact]
    public async Task HandleAsync_SweepJob_StartsProvisionSweepWhichCompletes()
    {
        const string sweep = """
            { "kind": "sweep", "model": "forestfire", "parameters": { "width": 10, "height": 10 },
              "design": { "type": "grid", "factors": { "density": [0.5] } }, "steps": 2 }
            """;

        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message("sweep-1", sweep));

        Assert.Equal(IntakeOutcomeKind.Started, outcome.Kind);
        Assert.Equal("ProvisionSweep", (await _backend.Swarm.Client.GetInstanceAsync("sweep-1"))?.Name);
        var done = await _backend.Swarm.Client.WaitForInstanceCompletionAsync("sweep-1", getInputsAndOutputs: true, IntakeBackend.Patience);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
    }

    [Theory]
    [InlineData(null, "MessageId: required")]
    [InlineData("", "MessageId: required")]
    [InlineData("has/slash", "cannot be an instance id")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345", "cannot be an instance id")]
    public async Task HandleAsync_UnusableMessageId_IsRejected(string? messageId, string expected)
    {
        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message(messageId));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(expected, outcome.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Single(await _backend.RejectionsOfAsync(messageId));
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("[1, 2]", "$: A job is a JSON object.")]
    [InlineData("""{ "model": "boltzmann", "steps": 1 }""", "$.kind")]
    [InlineData("""{ "kind": "batch", "model": "boltzmann", "steps": 1 }""", "$.kind")]
    [InlineData("""{ "kind": "simulation", "model": "boltzmann" }""", "$.steps: Required.")]
    [InlineData("""{ "kind": "simulation", "model": "boltzmann", "steps": 1, "colour": "red" }""", "$.colour: Unknown property")]
    [InlineData("""{ "kind": "sweep", "model": "boltzmann", "steps": 1 }""", "$.design")]
    public async Task HandleAsync_InvalidJob_IsRejectedWithItsJsonPathAndNothingStarts(string body, string expected)
    {
        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message("bad-job", body));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(expected, outcome.Rejection!.Reason, StringComparison.Ordinal);
        var stored = Assert.Single(await _backend.RejectionsOfAsync("bad-job"));
        Assert.Equal(body, stored.Body);
        Assert.Null(await _backend.Swarm.Client.GetInstanceAsync("bad-job"));
    }

    [Fact]
    public async Task HandleAsync_BodyNotUtf8_IsRejected()
    {
        var message = new IntakeMessage("binary", BinaryData.FromBytes([0x7B, 0xFF, 0xFE, 0x7D]), 1);

        var outcome = await _backend.Function().HandleAsync(message);

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("not UTF-8", outcome.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ContentTypeNotJson_IsRejected()
    {
        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message("xml", contentType: "application/xml"));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("ContentType", outcome.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HugeInvalidBody_IsStoredCutWithItsLength()
    {
        var body = "{\"kind\": \"simulation\", \"pad\": \"" + new string('x', 200_000) + "😀\"}";

        var outcome = await _backend.Function().HandleAsync(IntakeBackend.Message("huge", body));

        var stored = Assert.Single(await _backend.RejectionsOfAsync("huge"));
        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.True(stored.BodyTruncated);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), stored.BodyLength);
        Assert.Equal(JobRejections.MaxStoredBodyChars, stored.Body.Length);
        Assert.StartsWith(stored.Body, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SameInvalidMessageRedelivered_KeepsOneRecord()
    {
        var function = _backend.Function();

        await function.HandleAsync(IntakeBackend.Message("again", "{}"));
        await function.HandleAsync(IntakeBackend.Message("again", "{}", deliveryCount: 2));

        var stored = Assert.Single(await _backend.RejectionsOfAsync("again"));
        Assert.Equal(2, stored.DeliveryCount);
    }

    [Fact]
    public async Task HandleAsync_DeliveredMoreThanMaxTimes_IsRecordedAsPoisonedWithoutRunning()
    {
        var client = new FlakyClient(_backend.Swarm.Client);

        var outcome = await _backend.Function(new IntakeOptions { MaxDeliveryCount = 2 }, client).HandleAsync(IntakeBackend.Message("dies-every-time", deliveryCount: 3));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome.Kind);
        Assert.True(outcome.Rejection!.Poisoned);
        Assert.Equal(0, client.Scheduled);
    }

    [Fact]
    public async Task HandleAsync_BackendDownBeforeTheLastDelivery_ThrowsSoTheMessageIsDeliveredAgain()
    {
        var client = new FlakyClient(_backend.Swarm.Client).FailBeforeEveryCall(1);
        var function = _backend.Function(new IntakeOptions { MaxDeliveryCount = 2 }, client);

        await Assert.ThrowsAsync<HttpRequestException>(() => function.HandleAsync(IntakeBackend.Message("retry-me")));
        var second = await function.HandleAsync(IntakeBackend.Message("retry-me", deliveryCount: 2));

        Assert.Equal(IntakeOutcomeKind.Started, second.Kind);
        Assert.Empty(await _backend.RejectionsOfAsync("retry-me"));
    }
}
