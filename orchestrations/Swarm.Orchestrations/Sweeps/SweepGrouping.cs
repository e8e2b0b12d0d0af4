namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// How a sweep is cut into work: runs per <see cref="RunSweepRuns"/> activity and runs per <see cref="SweepBatch"/>,
/// when the <see cref="SweepRequest"/> leaves them to the sweep (0).
/// </summary>
/// <remarks>
/// Every activity and every orchestration episode costs the same whatever it carries (a history write, a dispatch, a
/// serialized result), so short runs are grouped until a group holds about <see cref="TargetStepsPerActivity"/> model
/// steps: a 20-step Schelling run goes 64 to an activity, a 5,000-step run alone. Steps are the one measure of a run's
/// cost every model shares. A batch holds <see cref="ActivitiesPerBatch"/> groups, and never fewer than
/// <see cref="MinBatchSize"/> runs, so that long runs (one per activity, or a chunked SimulationRun each) still fan out.
/// </remarks>
public static class SweepGrouping
{
    /// <summary>Model steps one activity should carry when grouping short runs.</summary>
    public const int TargetStepsPerActivity = 1280;

    /// <summary>The most runs grouped into one activity, however short.</summary>
    public const int MaxRunsPerActivity = 256;

    /// <summary>Activities per batch when the batch size is left to the sweep.</summary>
    public const int ActivitiesPerBatch = 4;

    /// <summary>The fewest runs in a batch when the batch size is left to the sweep.</summary>
    public const int MinBatchSize = 64;

    /// <summary><paramref name="requested"/> when positive; otherwise runs of <paramref name="steps"/> steps per activity.</summary>
    public static int RunsPerActivity(int requested, int steps) =>
        requested > 0 ? requested : Math.Clamp(TargetStepsPerActivity / Math.Max(1, steps), 1, MaxRunsPerActivity);

    /// <summary><paramref name="requested"/> when positive; otherwise <see cref="ActivitiesPerBatch"/> groups, at least <see cref="MinBatchSize"/> runs.</summary>
    public static int BatchSize(int requested, int runsPerActivity) =>
        requested > 0 ? requested : Math.Max(MinBatchSize, runsPerActivity * ActivitiesPerBatch);
}
