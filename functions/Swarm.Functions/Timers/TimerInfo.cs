namespace Swarm.Functions.Timers;

/// <summary>What a timer function is told when it runs, as the Functions host's <c>TimerInfo</c>.</summary>
/// <param name="ScheduledTime">The occurrence this run is for.</param>
/// <param name="IsPastDue">True when the run is late: the occurrence was missed while the app was down, or the run started well after it.</param>
/// <param name="Last">The occurrence of the previous run, when one is recorded.</param>
/// <param name="Next">The next occurrence after this one.</param>
public sealed record TimerInfo(DateTimeOffset ScheduledTime, bool IsPastDue, DateTimeOffset? Last, DateTimeOffset Next);
