namespace Swarm.Functions.Triggers;

/// <summary>A timer trigger on a six-field NCRONTAB schedule taken from an app setting.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TimerTriggerAttribute(string scheduleSetting) : Attribute
{
    /// <summary>The schedule as a <c>%setting%</c> expression, e.g. <c>%SwarmBackupSchedule%</c>.</summary>
    public string Schedule { get; } = scheduleSetting;

    /// <summary>Never run on start-up: a restart must not start an extra backup.</summary>
    public bool RunOnStartup => false;

    /// <summary>Run once when a schedule was missed while the app was down.</summary>
    public bool UseMonitor { get; init; } = true;
}
