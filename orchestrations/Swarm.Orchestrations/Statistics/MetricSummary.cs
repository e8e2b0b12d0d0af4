namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// One output metric at one design point across its replicates: n, mean, standard deviation,
/// 95% confidence interval of the mean, and whether the replicates have converged.
/// </summary>
/// <param name="Metric">The reporter's name.</param>
/// <param name="Count">Replicates summarised.</param>
/// <param name="Mean">Mean of the final values.</param>
/// <param name="StandardDeviation">Sample standard deviation (NaN for one replicate).</param>
/// <param name="CiLow">Lower end of the 95% confidence interval of the mean.</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="RelativeHalfWidth">Half the interval's width over |mean|: the convergence indicator.</param>
/// <param name="Converged">The interval is within <see cref="ConvergenceTolerance"/> of the mean (or the replicates agree exactly).</param>
public sealed record MetricSummary(
    string Metric,
    long Count,
    double Mean,
    double StandardDeviation,
    double CiLow,
    double CiHigh,
    double RelativeHalfWidth,
    bool Converged)
{
    /// <summary>Relative half-width at or below which replicates count as converged: the mean is known to ±5%.</summary>
    public const double ConvergenceTolerance = 0.05;

    /// <summary>Summarises <paramref name="statistics"/> of <paramref name="metric"/>.</summary>
    public static MetricSummary From(string metric, RunningStatistics statistics)
    {
        if (statistics.Count < 2)
        {
            return new MetricSummary(metric, statistics.Count, statistics.Mean, double.NaN, double.NaN, double.NaN, double.NaN, false);
        }

        var sd = statistics.StandardDeviation;
        var halfWidth = StudentT.Critical975(statistics.Count - 1) * sd / Math.Sqrt(statistics.Count);
        var relative = halfWidth == 0 ? 0 : halfWidth / Math.Abs(statistics.Mean);
        return new MetricSummary(
            metric,
            statistics.Count,
            statistics.Mean,
            sd,
            statistics.Mean - halfWidth,
            statistics.Mean + halfWidth,
            relative,
            relative <= ConvergenceTolerance);
    }
}
