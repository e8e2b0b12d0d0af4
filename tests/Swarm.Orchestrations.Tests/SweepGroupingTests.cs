using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Tests;

public sealed class SweepGroupingTests
{
    [Theory]
    [InlineData(0, 20, 64)]
    [InlineData(0, 1, SweepGrouping.MaxRunsPerActivity)]
    [InlineData(0, 0, SweepGrouping.MaxRunsPerActivity)]
    [InlineData(0, 100, 12)]
    [InlineData(0, 1280, 1)]
    [InlineData(0, 5000, 1)]
    [InlineData(16, 20, 16)]
    [InlineData(3, 5000, 3)]
    public void RunsPerActivity_RequestedOrLeftToTheSweep_GroupsAboutTheTargetSteps(int requested, int steps, int expected) =>
        Assert.Equal(expected, SweepGrouping.RunsPerActivity(requested, steps));

    [Theory]
    [InlineData(0, 64, 256)]
    [InlineData(0, 1, SweepGrouping.MinBatchSize)]
    [InlineData(0, 12, SweepGrouping.MinBatchSize)]
    [InlineData(25, 64, 25)]
    public void BatchSize_RequestedOrLeftToTheSweep_HoldsSeveralGroupsAndNeverTooFewRuns(int requested, int runsPerActivity, int expected) =>
        Assert.Equal(expected, SweepGrouping.BatchSize(requested, runsPerActivity));
}
