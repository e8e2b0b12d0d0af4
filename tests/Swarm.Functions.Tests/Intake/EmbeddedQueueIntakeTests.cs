using Swarm.Functions.Intake;
using Swarm.Functions.Tests.Timers;

namespace Swarm.Functions.Tests.Intake;

/// <summary>The intake on the embedded (SQLite) queue; leases run out on a manual clock.</summary>
public sealed class EmbeddedQueueIntakeTests : JobQueueIntakeTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    private protected override TimeProvider? Time => _clock;

    private protected override Task<IJobQueue> CreateQueueAsync(string folder) =>
        Task.FromResult<IJobQueue>(EmbeddedJobQueue.InDataFolder(folder, "simulation-jobs", _clock));

    private protected override Task ExpireLeasesAsync()
    {
        _clock.Advance(Options.LeaseDuration + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Receive_TwoQueuesInOneFile_KeepTheirMessagesApart()
    {
        using var other = EmbeddedJobQueue.InDataFolder(Backend.Folder, "other-jobs", _clock);
        await other.CreateIfNotExistsAsync();
        await other.SendAsync(IntakeBackend.Message("elsewhere"));

        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
        Assert.Equal("elsewhere", (await other.ReceiveAsync(Options.LeaseDuration))?.Message.MessageId);
    }

    [Fact]
    public async Task Abandon_WithRetryDelay_HidesTheMessageUntilTheDelayHasPassed()
    {
        await Queue.SendAsync(IntakeBackend.Message("later"));
        var received = await Queue.ReceiveAsync(TimeSpan.FromMinutes(5));

        Assert.True(await Queue.AbandonAsync(received!, TimeSpan.FromSeconds(10)));
        Assert.Null(await Queue.ReceiveAsync(Options.LeaseDuration));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var again = await Queue.ReceiveAsync(Options.LeaseDuration);

        Assert.Equal(2, again?.Message.DeliveryCount);
        Assert.False(await Queue.CompleteAsync(received!));
        Assert.True(await Queue.CompleteAsync(again!));
    }

    [Fact]
    public async Task Send_KeepsContentTypeAndTraceParent()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await Queue.SendAsync(IntakeBackend.Message("props") with { ContentType = "application/json; charset=utf-8", TraceParent = traceParent });

        var received = await Queue.ReceiveAsync(Options.LeaseDuration);

        Assert.Equal("application/json; charset=utf-8", received?.Message.ContentType);
        Assert.Equal(traceParent, received?.Message.TraceParent);
        Assert.Equal(IntakeBackend.Job, received?.Message.Body.ToString());
    }
}
