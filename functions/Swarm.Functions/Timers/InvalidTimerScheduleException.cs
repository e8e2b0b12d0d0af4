namespace Swarm.Functions.Timers;

/// <summary>A timer's schedule setting is not a valid six-field NCRONTAB expression; thrown at start-up, naming the setting.</summary>
public sealed class InvalidTimerScheduleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidTimerScheduleException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidTimerScheduleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidTimerScheduleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="setting"/> holding <paramref name="expression"/>.</summary>
    public InvalidTimerScheduleException(string setting, string? expression, string problem)
        : base($"Setting {setting} = '{expression}' is not a valid timer schedule: {problem}.")
    {
        Setting = setting;
    }

    /// <summary>The app setting that holds the bad schedule.</summary>
    public string? Setting { get; }
}
