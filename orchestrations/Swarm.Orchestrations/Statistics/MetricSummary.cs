using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// One output metric at one design point across its replicates: n, mean, standard deviation,
/// a 95% interval of the mean that stays inside the metric's domain, and whether the replicates have converged.
/// </summary>
/// <remarks>
/// The interval is Student's t, except for an outcome (0 or 1 per run), whose mean is a success
/// proportion and gets Wilson's score interval: it stays in [0, 1] and keeps a width at 0 or n successes.
/// A fraction of agents is not such a proportion (agents in one run are not independent trials), so it
/// gets the t interval over its replicates. A t interval that reaches past the domain (below 0 for a count, past 1 for a fraction)
/// is cut at the bound and <see cref="Truncated"/> says so, since the cut interval is no longer a 95% one.
/// </remarks>
/// <param name="Metric">The reporter's name.</param>
/// <param name="Domain">The values the reporter can take.</param>
/// <param name="Count">Replicates summarised.</param>
/// <param name="Mean">Mean of the final values.</param>
/// <param name="StandardDeviation">Sample standard deviation (NaN for one replicate).</param>
/// <param name="CiLow">Lower end of the 95% interval of the mean (NaN without one).</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="Interval">How the interval was computed.</param>
/// <param name="Truncated">The t interval reached past the domain and was cut at its bound.</param>
/// <param name="RelativeHalfWidth">Half the interval's width (before any cut) over |mean|: the convergence indicator.</param>
/// <param name="Converged">The interval is within <see cref="ConvergenceTolerance"/> of the mean (or the replicates agree exactly).</param>
public sealed record MetricSummary(
    string Metric,
    MetricDomain Domain,
    long Count,
    double Mean,
    double StandardDeviation,
    double CiLow,
    double CiHigh,
    IntervalMethod Interval,
    bool Truncated,
    double RelativeHalfWidth,
    bool Converged)
{
    /// <summary>Relative half-width at or below which replicates count as converged: the mean is known to ±5%.</summary>
    public const double ConvergenceTolerance = 0.05;

    private const double Z975 = 1.959963984540054;

    /// <summary>Summarises <paramref name="statistics"/> of <paramref name="metric"/>, whose values lie in <paramref name="domain"/>.</summary>
    public static MetricSummary From(string metric, MetricDomain domain, RunningStatistics statistics)
    {
        var n = statistics.Count;
        var mean = statistics.Mean;
        if (n < 2)
        {
            return new MetricSummary(metric, domain, n, mean, double.NaN, double.NaN, double.NaN, IntervalMethod.None, false, double.NaN, false);
        }

        var sd = statistics.StandardDeviation;
        if (domain == MetricDomain.Outcome && statistics.ZeroOrOneOnly)
        {
            var (low, high) = Wilson(mean, n);
            var wilsonHalfWidth = (high - low) / 2;
            return new MetricSummary(metric, domain, n, mean, sd, low, high, IntervalMethod.Wilson, false,
                Relative(wilsonHalfWidth, mean, sd), Relative(wilsonHalfWidth, mean, sd) <= ConvergenceTolerance);
        }

        var halfWidth = StudentT.Critical975(n - 1) * sd / Math.Sqrt(n);
        var (min, max) = Bounds(domain);
        var ciLow = Math.Max(mean - halfWidth, min);
        var ciHigh = Math.Min(mean + halfWidth, max);
        var relative = Relative(halfWidth, mean, sd);
        return new MetricSummary(metric, domain, n, mean, sd, ciLow, ciHigh, IntervalMethod.StudentT,
            mean - halfWidth < min || mean + halfWidth > max, relative, relative <= ConvergenceTolerance);
    }

    /// <summary>The smallest and largest value of <paramref name="domain"/>.</summary>
    public static (double Min, double Max) Bounds(MetricDomain domain) => domain switch
    {
        MetricDomain.Fraction or MetricDomain.Outcome => (0, 1),
        MetricDomain.Count or MetricDomain.NonNegative => (0, double.PositiveInfinity),
        _ => (double.NegativeInfinity, double.PositiveInfinity),
    };

    // Wilson's score interval for a success proportion p of n trials at 95%.
    private static (double Low, double High) Wilson(double p, long n)
    {
        const double z2 = Z975 * Z975;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var spread = Z975 / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (Math.Max(0, centre - spread), Math.Min(1, centre + spread));
    }

    // Replicates that agree exactly have converged whatever their mean; otherwise half-width over |mean| (infinite at a zero mean).
    private static double Relative(double halfWidth, double mean, double sd) =>
        sd == 0 ? 0 : halfWidth / Math.Abs(mean);
}
