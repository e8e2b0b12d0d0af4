using Microsoft.Extensions.Configuration;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Timers;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Tests.Timers;

public sealed class TimerSchedulerTests : IDisposable
{
    private static readonly DateTimeOffset BeforeThree = new(2026, 11, 22, 2, 59, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-timers-");
    private readonly SwarmTelemetry _telemetry = new();
    private readonly StateStore _store;

    public TimerSchedulerTests()
    {
        _store = EmbeddedStateStore.Open(_folder.FullName);
    }

    public void Dispose()
    {
        _telemetry.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Scheduler_FirstStart_DoesNotRunAndThenFiresAtTheOccurrence()
    {
        var clock = new ManualClock(BeforeThree);
        var timer = new RecordingTimer();
        using var scheduler = Scheduler(timer, clock);

        await scheduler.StartAsync(CancellationToken.None);
        await clock.WaitForPendingTimersAsync(1);
        Assert.Equal(0, timer.Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        var run = await timer.NextRunAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), run.ScheduledTime);
        Assert.False(run.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), run.Next);
        Assert.Equal(1, timer.Count);
    }

    [Fact]
    public async Task Scheduler_TwoDays_FiresOncePerOccurrence()
    {
        var clock = new ManualClock(BeforeThree);
        var timer = new RecordingTimer();
        using var scheduler = Scheduler(timer, clock);
        await scheduler.StartAsync(CancellationToken.None);

        for (var day = 0; day < 2; day++)
        {
            await clock.WaitForPendingTimersAsync(1);
            clock.Advance(TimeSpan.FromHours(24));
            await timer.NextRunAsync();
        }

        await clock.WaitForPendingTimersAsync(1);
        await scheduler.StopAsync(CancellationToken.None);
        Assert.Equal(2, timer.Count);
    }

    [Fact]
    public async Task Scheduler_RestartedWithoutAMiss_DoesNotRunOnStartup()
    {
        var clock = new ManualClock(BeforeThree);
        var timer = new RecordingTimer();
        using (var first = Scheduler(timer, clock))
        {
            await first.StartAsync(CancellationToken.None);
            await clock.WaitForPendingTimersAsync(1);
            await first.StopAsync(CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        using var second = Scheduler(timer, clock);
        await second.StartAsync(CancellationToken.None);
        await clock.WaitForPendingTimersAsync(1);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(0, timer.Count);
    }

    [Fact]
    public async Task Scheduler_OccurrencesMissedWhileDown_RunOncePastDueAtStartup()
    {
        var clock = new ManualClock(BeforeThree);
        var timer = new RecordingTimer();
        using (var first = Scheduler(timer, clock))
        {
            await first.StartAsync(CancellationToken.None);
            await clock.WaitForPendingTimersAsync(1);
            await first.StopAsync(CancellationToken.None);
        }

        // Down over two 03:00 occurrences.
        clock.Advance(TimeSpan.FromDays(2));
        using var second = Scheduler(timer, clock);
        await second.StartAsync(CancellationToken.None);
        var run = await timer.NextRunAsync();
        await clock.WaitForPendingTimersAsync(1);
        await second.StopAsync(CancellationToken.None);

        Assert.True(run.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), run.ScheduledTime);
        Assert.Equal(1, timer.Count);
    }

    [Fact]
    public async Task Scheduler_FailingRun_KeepsTheSchedule()
    {
        var clock = new ManualClock(BeforeThree);
        var failing = new FailingTimer();
        using var scheduler = Scheduler(failing, clock);
        await scheduler.StartAsync(CancellationToken.None);

        await clock.WaitForPendingTimersAsync(1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await clock.WaitForPendingTimersAsync(1);
        clock.Advance(TimeSpan.FromDays(1));
        await clock.WaitForPendingTimersAsync(1);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(2, failing.Attempts);
    }

    [Theory]
    [InlineData("0 3 * * *", "five")]
    [InlineData("61 0 3 * * *", "out of range")]
    [InlineData("0 0 25 * * *", "out of range")]
    [InlineData("every night", "2 fields")]
    [InlineData(" ", "empty")]
    public void Scheduler_BadScheduleSetting_FailsAtCreationNamingTheSetting(string schedule, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RecordingSchedule"] = schedule }).Build();

        var error = Assert.Throws<InvalidTimerScheduleException>(() => new TimerScheduler([new RecordingTimer()], configuration, new TimerRuns(_store), _telemetry));

        Assert.Equal("RecordingSchedule", error.Setting);
        Assert.Contains("RecordingSchedule", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("five", "5 fields", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 3 * * *", "2026-11-22T02:59:00Z", "2026-11-22T03:00:00Z")]
    [InlineData("0 30 4 * * *", "2026-11-22T04:30:00Z", "2026-11-23T04:30:00Z")]
    [InlineData("*/15 * * * * *", "2026-11-22T04:30:07Z", "2026-11-22T04:30:15Z")]
    [InlineData("0 0 3 * * 1", "2026-11-22T02:59:00Z", "2026-11-23T03:00:00Z")]
    public void Parse_SixFieldSchedule_GivesTheNextOccurrenceInUtc(string expression, string after, string expected)
    {
        var schedule = TimerSchedule.Parse("S", expression);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private TimerScheduler Scheduler(ITimerFunction timer, TimeProvider clock) =>
        new([timer], new ConfigurationBuilder().Build(), new TimerRuns(_store), _telemetry, clock);

    private sealed class FailingTimer : ITimerFunction
    {
        public string Name => "Failing";

        public string ScheduleSetting => "FailingSchedule";

        public string DefaultSchedule => "0 0 3 * * *";

        public int Attempts { get; private set; }

        public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new InvalidOperationException("backup store unreachable");
        }
    }
}
