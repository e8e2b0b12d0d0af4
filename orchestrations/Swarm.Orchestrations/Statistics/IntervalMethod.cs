namespace Swarm.Orchestrations.Statistics;

/// <summary>How a <see cref="MetricSummary"/>'s 95% interval was computed.</summary>
public enum IntervalMethod
{
    /// <summary>No interval: fewer than two replicates.</summary>
    None,

    /// <summary>Student's t interval of the mean (cut at the metric's domain when it reaches past it; see <see cref="MetricSummary.Truncated"/>).</summary>
    StudentT,

    /// <summary>Wilson's score interval: an outcome, 0 or 1 per run, whose mean is a success proportion.</summary>
    Wilson,
}
