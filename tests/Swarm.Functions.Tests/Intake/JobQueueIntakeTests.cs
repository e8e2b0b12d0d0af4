using Microsoft.DurableTask.Client;
using Swarm.Functions.Intake;

namespace Swarm.Functions.Tests.Intake;

/// <summary>The intake through the local pump, on each queue implementation: the same peek-lock behaviour is expected of both.</summary>
public abstract class JobQueueIntakeTests : IAsyncLifetime
{
    private IntakeBackend? _backend;
    private IJobQueue? _queue;

    internal IntakeBackend Backend => _backend!;

    private protected IJobQueue Queue => _queue!;

    private protected static IntakeOptions Options { get; } = new() { LeaseDuration = TimeSpan.FromSeconds(1), RetryDelay = TimeSpan.Zero, MaxDeliveryCount = 3 };

    public async Task InitializeAsync()
    {
        _backend = await IntakeBackend.StartAsync();
        _queue = await CreateQueueAsync(_backend.Folder);
        await _queue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        (_queue as IDisposable)?.Dispose();
        await _backend!.DisposeAsync();
    }

    private protected abstract Task<IJobQueue> CreateQueueAsync(string folder);

    /// <summary>Lets every current lease run out.</summary>
    private protected abstract Task ExpireLeasesAsync();

    private protected virtual TimeProvider? Time => null;

    [Fact]
    public async Task Pump_ValidJob_StartsItsOrchestrationUnderTheMessageIdAndRemovesTheMessage()
    {
        await Queue.SendAsync(IntakeBackend.Message("job-valid"));

        var (message, outcome) = await PumpAsync(Backend.Function(Options, time: Time));

        Assert.Equal(IntakeOutcomeKind.Started, outcome?.Kind);
        Assert.Equal("job-valid", message.Message.MessageId);
        Assert.Equal(1, message.Message.DeliveryCount);
        Assert.NotNull(await Backend.Swarm.Client.GetInstanceAsync("job-valid"));
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_SameMessageIdTwice_StartsOnceAndRemovesBoth()
    {
        var client = new FlakyClient(Backend.Swarm.Client);
        var function = Backend.Function(Options, client, Time);
        await Queue.SendAsync(IntakeBackend.Message("job-twice"));
        await Queue.SendAsync(IntakeBackend.Message("job-twice"));

        var first = await PumpAsync(function);
        var second = await PumpAsync(function);

        Assert.Equal(IntakeOutcomeKind.Started, first.Outcome?.Kind);
        Assert.Equal(IntakeOutcomeKind.Duplicate, second.Outcome?.Kind);
        Assert.Equal(1, client.Scheduled);
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_InvalidJob_RecordsEveryErrorWithTheBodyAndRemovesTheMessage()
    {
        const string body = """{ "kind": "simulation", "model": "no-such-model", "steps": -1 }""";
        await Queue.SendAsync(IntakeBackend.Message("job-invalid", body));

        var (_, outcome) = await PumpAsync(Backend.Function(Options, time: Time));

        Assert.Equal(IntakeOutcomeKind.Rejected, outcome?.Kind);
        var rejection = Assert.Single(await Backend.RejectionsOfAsync("job-invalid"));
        Assert.Contains("$.model", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("$.steps", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(body, rejection.Body);
        Assert.False(rejection.Poisoned);
        Assert.Equal(1, rejection.DeliveryCount);
        Assert.Null(await Backend.Swarm.Client.GetInstanceAsync("job-invalid"));
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_BackendDownOnEveryDelivery_RecordsThePoisonedMessageAfterMaxDeliveriesAndStopsRetrying()
    {
        var client = new FlakyClient(Backend.Swarm.Client).FailBeforeEveryCall(int.MaxValue);
        var function = Backend.Function(Options, client, Time);
        await Queue.SendAsync(IntakeBackend.Message("job-poison"));

        var outcomes = new List<IntakeOutcome?>();
        for (var delivery = 1; delivery <= Options.MaxDeliveryCount; delivery++)
        {
            var (message, outcome) = await PumpAsync(function);
            Assert.Equal(delivery, message.Message.DeliveryCount);
            outcomes.Add(outcome);
        }

        Assert.Equal([null, null, IntakeOutcomeKind.Rejected], outcomes.Select(o => o?.Kind));
        var rejection = Assert.Single(await Backend.RejectionsOfAsync("job-poison"));
        Assert.True(rejection.Poisoned);
        Assert.Contains("backend unreachable", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(IntakeBackend.Job, rejection.Body);
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_HandlerDiesAfterReading_LeaseExpiresAndTheJobStartsExactlyOnce()
    {
        await Queue.SendAsync(IntakeBackend.Message("job-crash-read"));
        var lost = await Queue.ReceiveAsync(Options.LeaseDuration);
        Assert.NotNull(lost);

        // The receiver dies here: no complete, no abandon. Until the lease runs out nobody else sees the message.
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
        await ExpireLeasesAsync();
        var client = new FlakyClient(Backend.Swarm.Client);
        var (message, outcome) = await PumpAsync(Backend.Function(Options, client, Time));

        Assert.Equal(2, message.Message.DeliveryCount);
        Assert.Equal(IntakeOutcomeKind.Started, outcome?.Kind);
        Assert.Equal(1, client.Scheduled);
        Assert.False(await Queue.CompleteAsync(lost));
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_HandlerDiesAfterStartingTheOrchestration_RedeliveryIsADuplicateAndNothingStartsTwice()
    {
        await Queue.SendAsync(IntakeBackend.Message("job-crash-start"));
        var client = new FlakyClient(Backend.Swarm.Client);
        var function = Backend.Function(Options, client, Time);

        // Dies without a word: the orchestration is started but the message is neither completed nor abandoned.
        var lost = await Queue.ReceiveAsync(Options.LeaseDuration);
        Assert.Equal(IntakeOutcomeKind.Started, (await function.HandleAsync(lost!.Message)).Kind);
        await ExpireLeasesAsync();

        // Were the redelivery to schedule the job again, this client would throw and the message come back once more.
        client.FailAfterSchedule(1);
        var (_, redelivered) = await PumpAsync(function);
        Assert.Equal(IntakeOutcomeKind.Duplicate, redelivered?.Kind);

        Assert.Equal(1, client.Scheduled);
        Assert.NotNull(await Backend.Swarm.Client.GetInstanceAsync("job-crash-start"));
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    [Fact]
    public async Task Pump_HandlerThrowsAfterStarting_MessageIsAbandonedAndItsRedeliveryIsADuplicate()
    {
        await Queue.SendAsync(IntakeBackend.Message("job-throw-start"));
        var client = new FlakyClient(Backend.Swarm.Client).FailAfterSchedule(1);
        var function = Backend.Function(Options, client, Time);

        var first = await PumpAsync(function);
        var second = await PumpAsync(function);

        Assert.Null(first.Outcome);
        Assert.Equal(2, second.Message.Message.DeliveryCount);
        Assert.Equal(IntakeOutcomeKind.Duplicate, second.Outcome?.Kind);
        Assert.Equal(1, client.Scheduled);
        var instance = await Backend.Swarm.Client.GetInstanceAsync("job-throw-start");
        Assert.NotNull(instance);
        Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
    }

    /// <summary>Pumps until one delivery is handled (a receive may find nothing while a message becomes visible again).</summary>
    private protected async Task<(JobQueueMessage Message, IntakeOutcome? Outcome)> PumpAsync(SimulationJobsFunction function)
    {
        var pump = new QueuePump(Queue, function, Options);
        (JobQueueMessage, IntakeOutcome?)? handled = null;
        pump.Handled += (message, outcome) => handled = (message, outcome);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await pump.PumpOnceAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "No message became visible.");
            await Task.Delay(50);
        }

        return handled!.Value;
    }
}
