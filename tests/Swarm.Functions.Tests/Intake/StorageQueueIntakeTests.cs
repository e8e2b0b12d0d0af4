using Azure.Storage.Queues;
using Swarm.Functions.Intake;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Intake;

/// <summary>The intake on an Azure Storage queue served by Azurite; leases are real visibility timeouts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueIntakeTests(AzuriteFixture azurite) : JobQueueIntakeTests
{
    private readonly string _queueName = "jobs-" + Guid.NewGuid().ToString("N")[..12];

    private protected override Task<IJobQueue> CreateQueueAsync(string folder) =>
        Task.FromResult<IJobQueue>(StorageJobQueue.Connect(AzureConnection.FromConnectionString(azurite.ConnectionString), _queueName));

    private protected override Task ExpireLeasesAsync() => Task.Delay(Options.LeaseDuration + TimeSpan.FromMilliseconds(300));

    [Fact]
    public async Task Pump_MessageThatIsNotBase64_IsRejectedWithItsRawText()
    {
        var raw = new QueueClient(azurite.ConnectionString, _queueName);
        await raw.SendMessageAsync("not base64 at all!");

        var (_, outcome) = await PumpAsync(Backend.Function(Options));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome?.Kind);
        Assert.Equal("not base64 at all!", outcome?.Rejection?.Body);
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_BareJobWithoutEnvelope_RunsUnderTheQueueMessageId()
    {
        var raw = new QueueClient(azurite.ConnectionString, _queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var sent = (await raw.SendMessageAsync(IntakeBackend.Job)).Value;

        var (message, outcome) = await PumpAsync(Backend.Function(Options));

        Assert.Equal(sent.MessageId, message.Message.MessageId);
        Assert.Equal(IntakeOutcomeKind.Started, outcome?.Kind);
        Assert.NotNull(await Backend.Swarm.Client.GetInstanceAsync(sent.MessageId));
    }
}
