using NCrontab;

namespace Swarm.Functions.Timers;

/// <summary>A six-field NCRONTAB schedule (<c>second minute hour day month day-of-week</c>), in UTC, as Azure Functions reads it.</summary>
public sealed class TimerSchedule
{
    private static readonly CrontabSchedule.ParseOptions SixFields = new() { IncludingSeconds = true };
    private readonly CrontabSchedule _schedule;

    private TimerSchedule(CrontabSchedule schedule, string expression)
    {
        _schedule = schedule;
        Expression = expression;
    }

    /// <summary>The expression.</summary>
    public string Expression { get; }

    /// <summary>Parses the schedule read from <paramref name="setting"/>.</summary>
    /// <exception cref="InvalidTimerScheduleException">The expression is not a valid six-field NCRONTAB expression; the message names the setting.</exception>
    public static TimerSchedule Parse(string setting, string? expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new InvalidTimerScheduleException(setting, expression, "it is empty");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new InvalidTimerScheduleException(setting, expression, $"it has {fields} fields; Azure Functions schedules have six: second minute hour day month day-of-week (e.g. \"0 0 3 * * *\")");
        }

        var schedule = CrontabSchedule.TryParse(expression.Trim(), SixFields);
        return schedule is null
            ? throw new InvalidTimerScheduleException(setting, expression, "a field is out of range or malformed (second 0-59, minute 0-59, hour 0-23, day 1-31, month 1-12, day-of-week 0-6)")
            : new TimerSchedule(schedule, expression.Trim());
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var next = _schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
