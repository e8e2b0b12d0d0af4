namespace Swarm.Functions.Timers;

/// <summary>A function run on an NCRONTAB schedule taken from an app setting.</summary>
public interface ITimerFunction
{
    /// <summary>The function name (its <c>[Function]</c> name); also the key of its last-run record.</summary>
    string Name { get; }

    /// <summary>The app setting holding the six-field schedule.</summary>
    string ScheduleSetting { get; }

    /// <summary>The schedule used when the setting is absent.</summary>
    string DefaultSchedule { get; }

    /// <summary>Runs once for <paramref name="timer"/>.</summary>
    Task RunAsync(TimerInfo timer, CancellationToken cancellationToken = default);
}
