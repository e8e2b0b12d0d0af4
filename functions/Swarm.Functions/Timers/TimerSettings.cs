namespace Swarm.Functions.Timers;

/// <summary>The app settings of the timer functions, checked together before a host starts.</summary>
/// <remarks>
/// The timers read these when they are created, which for a hosted app is when it starts; a bad value there stops the
/// host with an exception. Checking first lets a command line report every bad setting at once, by name.
/// </remarks>
public static class TimerSettings
{
    /// <summary>Adds a problem naming the setting to <paramref name="problems"/> for each malformed schedule or day count in <paramref name="configuration"/>.</summary>
    public static void Check(IConfiguration configuration, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var (setting, fallback) in new[]
        {
            (NightlyBackupFunction.ScheduleSettingName, NightlyBackupFunction.DefaultScheduleExpression),
            (PurgeFinishedInstancesFunction.ScheduleSettingName, PurgeFinishedInstancesFunction.DefaultScheduleExpression),
        })
        {
            try
            {
                TimerSchedule.Parse(setting, configuration[setting] ?? fallback);
            }
            catch (InvalidTimerScheduleException e)
            {
                problems.Add(e.Message);
            }
        }

        foreach (var setting in new[] { NightlyBackupFunction.RetentionSetting, PurgeFinishedInstancesFunction.PurgeAfterDaysSetting })
        {
            try
            {
                NightlyBackupFunction.PositiveDays(configuration, setting, 30);
            }
            catch (InvalidOperationException e)
            {
                problems.Add(e.Message);
            }
        }
    }
}
