using Microsoft.Extensions.Configuration;
using Swarm.Functions.Timers;

namespace Swarm.Functions.Tests.Timers;

public sealed class TimerSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Check_NothingSet_FindsNoProblem()
    {
        var problems = new List<string>();

        TimerSettings.Check(Settings(), problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_ValidSettings_FindsNoProblem()
    {
        var problems = new List<string>();

        TimerSettings.Check(Settings(("SwarmBackupSchedule", "0 15 2 * * *"), ("SwarmPurgeSchedule", "0 0 */6 * * *"), ("SwarmBackupRetentionDays", "7"), ("SwarmPurgeAfterDays", "90")), problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("SwarmBackupSchedule", "not a cron")]
    [InlineData("SwarmBackupSchedule", "0 0 3 * *")]
    [InlineData("SwarmPurgeSchedule", "0 99 4 * * *")]
    [InlineData("SwarmPurgeSchedule", "")]
    [InlineData("SwarmBackupRetentionDays", "0")]
    [InlineData("SwarmPurgeAfterDays", "x")]
    public void Check_OneMalformedSetting_IsOneProblemNamingIt(string setting, string value)
    {
        var problems = new List<string>();

        TimerSettings.Check(Settings((setting, value)), problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"Setting {setting} ", problem, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EveryTimerSettingMalformed_ReportsEachOne()
    {
        var problems = new List<string>();

        TimerSettings.Check(Settings(("SwarmBackupSchedule", "nope"), ("SwarmPurgeSchedule", "nope"), ("SwarmBackupRetentionDays", "x"), ("SwarmPurgeAfterDays", "y")), problems);

        Assert.Equal(4, problems.Count);
    }
}
