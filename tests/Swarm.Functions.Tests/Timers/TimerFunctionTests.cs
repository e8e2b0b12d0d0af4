using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Tests.Intake;
using Swarm.Functions.Timers;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Tests.Timers;

public sealed class TimerFunctionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public async Task NightlyBackup_RunTwiceTheSameDay_StartsTheDaysBackupOnce()
    {
        await using var backend = await IntakeBackend.StartAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var backup = new NightlyBackupFunction(backend.Swarm.Client, Settings(("SwarmBackupRetentionDays", "7")), backend.Telemetry, clock);
        var timer = new TimerInfo(clock.GetUtcNow(), false, null, clock.GetUtcNow().AddDays(1));

        await backup.RunAsync(timer);
        var first = backup.LastStart;
        await backup.RunAsync(timer with { IsPastDue = true });
        var second = backup.LastStart;

        Assert.True(first?.Started);
        Assert.False(second?.Started);
        Assert.Equal(first?.InstanceId, second?.InstanceId);
        Assert.Equal("backup-" + clock.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), first?.InstanceId);
        Assert.Equal(7, backup.RetentionDays);
        var done = await backend.Swarm.Client.WaitForInstanceCompletionAsync(first!.InstanceId, cancellation: IntakeBackend.Patience);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeFinishedInstances_OlderThanTheSetting_PurgesOnlyThose()
    {
        await using var backend = await IntakeBackend.StartAsync();
        await backend.Function().HandleAsync(IntakeBackend.Message("old-run"));
        await backend.Swarm.Client.WaitForInstanceCompletionAsync("old-run", cancellation: IntakeBackend.Patience);
        var settings = Settings(("SwarmPurgeAfterDays", "30"));

        var soon = new PurgeFinishedInstancesFunction(backend.Swarm.Client, settings, backend.Telemetry, new ManualClock(DateTimeOffset.UtcNow.AddDays(29)));
        await soon.RunAsync(new TimerInfo(DateTimeOffset.UtcNow, false, null, DateTimeOffset.UtcNow));
        Assert.NotNull(await backend.Swarm.Client.GetInstanceAsync("old-run"));

        var later = new PurgeFinishedInstancesFunction(backend.Swarm.Client, settings, backend.Telemetry, new ManualClock(DateTimeOffset.UtcNow.AddDays(31)));
        await later.RunAsync(new TimerInfo(DateTimeOffset.UtcNow, false, null, DateTimeOffset.UtcNow));
        Assert.Null(await backend.Swarm.Client.GetInstanceAsync("old-run"));
    }

    [Theory]
    [InlineData("SwarmPurgeAfterDays", "0")]
    [InlineData("SwarmPurgeAfterDays", "thirty")]
    [InlineData("SwarmBackupRetentionDays", "-1")]
    public async Task TimerFunctions_BadDaysSetting_FailAtCreationNamingTheSetting(string setting, string value)
    {
        await using var backend = await IntakeBackend.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            _ = new PurgeFinishedInstancesFunction(backend.Swarm.Client, Settings((setting, value)), backend.Telemetry);
            _ = new NightlyBackupFunction(backend.Swarm.Client, Settings((setting, value)), backend.Telemetry);
        });

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerFunctions_Defaults_AreTheDocumentedSchedulesAndMatchTheirTriggerAttributes()
    {
        await using var backend = await IntakeBackend.StartAsync();
        ITimerFunction[] timers =
        [
            new NightlyBackupFunction(backend.Swarm.Client, Settings(), backend.Telemetry),
            new PurgeFinishedInstancesFunction(backend.Swarm.Client, Settings(), backend.Telemetry),
        ];

        Assert.Equal(
            [("NightlyBackup", "SwarmBackupSchedule", "0 0 3 * * *"), ("PurgeFinishedInstances", "SwarmPurgeSchedule", "0 30 4 * * *")],
            timers.Select(t => (t.Name, t.ScheduleSetting, t.DefaultSchedule)));
        foreach (var timer in timers)
        {
            var type = timer.GetType();
            Assert.Equal(timer.Name, type.GetCustomAttributes(typeof(FunctionAttribute), false).Cast<FunctionAttribute>().Single().Name);
            Assert.Equal("%" + timer.ScheduleSetting + "%", type.GetCustomAttributes(typeof(TimerTriggerAttribute), false).Cast<TimerTriggerAttribute>().Single().Schedule);
        }
    }
}
