using System.Xml.Linq;
using Swarm.Orchestrations.Statistics;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests;

public sealed class SweepStatisticsTests
{
    [Fact]
    public void RunningStatistics_Stream_MatchesTheTwoPassFormulas()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var statistics = new RunningStatistics();
        foreach (var v in values)
        {
            statistics.Add(v);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.Equal(8, statistics.Count);
        Assert.Equal(mean, statistics.Mean, 12);
        Assert.Equal(variance, statistics.Variance, 12);
    }

    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(9, 2.2622)]
    [InlineData(30, 2.0423)]
    [InlineData(60, 2.0003)]
    [InlineData(120, 1.9799)]
    [InlineData(100000, 1.9600)]
    public void StudentT_Critical975_MatchesTables(long df, double expected)
    {
        Assert.Equal(expected, StudentT.Critical975(df), 3);
    }

    [Fact]
    public void MetricSummary_TenReplicates_HasTheTIntervalAroundTheMean()
    {
        var statistics = new RunningStatistics();
        foreach (var v in new double[] { 0.90, 0.92, 0.91, 0.93, 0.89, 0.90, 0.92, 0.91, 0.93, 0.89 })
        {
            statistics.Add(v);
        }

        var summary = MetricSummary.From("happyFraction", MetricDomain.Fraction, statistics);

        var halfWidth = 2.2622 * statistics.StandardDeviation / Math.Sqrt(10);
        Assert.Equal(statistics.Mean - halfWidth, summary.CiLow, 4);
        Assert.Equal(statistics.Mean + halfWidth, summary.CiHigh, 4);
        Assert.True(summary.Converged);
        Assert.Equal(IntervalMethod.StudentT, summary.Interval);
        Assert.False(summary.Truncated);
    }

    [Fact]
    public void MetricSummary_FractionNearOne_IsCutAtOneAndFlagged()
    {
        // Schelling's happy fraction at a lenient threshold: four replicates at 1, one just below.
        var summary = MetricSummary.From("happyFraction", MetricDomain.Fraction, Statistics(1, 1, 1, 1, 0.99));

        Assert.Equal(1, summary.CiHigh);
        Assert.True(summary.CiLow < summary.Mean);
        Assert.True(summary.Truncated);
        Assert.Equal(IntervalMethod.StudentT, summary.Interval);
    }

    [Fact]
    public void MetricSummary_FractionThatIsOneInEveryReplicate_IsThePointOne()
    {
        // Every agent happy in every replicate: a fraction of agents, not five trials, so no Wilson interval.
        var summary = MetricSummary.From("happyFraction", MetricDomain.Fraction, Statistics(1, 1, 1, 1, 1));

        Assert.Equal((1.0, 1.0), (summary.CiLow, summary.CiHigh));
        Assert.False(summary.Truncated);
        Assert.True(summary.Converged);
    }

    [Fact]
    public void MetricSummary_CountNearZero_IsCutAtZeroAndFlagged()
    {
        var summary = MetricSummary.From("moved", MetricDomain.Count, Statistics(0, 0, 0, 3, 0));

        Assert.Equal(0, summary.CiLow);
        Assert.True(summary.CiHigh > summary.Mean);
        Assert.True(summary.Truncated);
    }

    [Fact]
    public void MetricSummary_RealMetric_KeepsTheWholeTInterval()
    {
        var summary = MetricSummary.From("drift", MetricDomain.Real, Statistics(0, 0, 0, 3, 0));

        Assert.True(summary.CiLow < 0);
        Assert.False(summary.Truncated);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(3, 10, 0.1078, 0.6032)]
    public void MetricSummary_Outcome_HasTheWilsonInterval(int successes, int trials, double low, double high)
    {
        var values = Enumerable.Range(0, trials).Select(i => i < successes ? 1.0 : 0.0).ToArray();

        var summary = MetricSummary.From("reachedEdge", MetricDomain.Outcome, Statistics(values));

        Assert.Equal(IntervalMethod.Wilson, summary.Interval);
        Assert.Equal(low, summary.CiLow, 4);
        Assert.Equal(high, summary.CiHigh, 4);
        Assert.False(summary.Truncated);
    }

    [Fact]
    public void MetricSummary_WidelySpreadReplicates_IsNotConverged()
    {
        var statistics = new RunningStatistics();
        foreach (var v in new double[] { 1, 10, 3 })
        {
            statistics.Add(v);
        }

        Assert.False(MetricSummary.From("moved", MetricDomain.Count, statistics).Converged);
    }

    [Fact]
    public void MetricSummary_OneReplicate_HasNoInterval()
    {
        var statistics = new RunningStatistics();
        statistics.Add(3);

        var summary = MetricSummary.From("moved", MetricDomain.Count, statistics);

        Assert.True(double.IsNaN(summary.CiLow));
        Assert.False(summary.Converged);
    }

    [Fact]
    public void SummaryFiles_Csv_HasOneRowPerPointAndNineColumnsPerMetric()
    {
        var summary = Summary();

        var lines = SummaryFiles.ToCsv(summary).TrimEnd('\n').Split('\n');

        Assert.Equal(1 + summary.Points.Count, lines.Length);
        Assert.Equal(1 + 2 + (2 * 9), lines[0].Split(',').Length);
        Assert.StartsWith("point,minToBeHappy,agents,happyFraction_n,happyFraction_mean,happyFraction_sd,happyFraction_ci_low,happyFraction_ci_high,happyFraction_ci_method,happyFraction_ci_truncated", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryFiles_Csv_PrintsSixSignificantDigitsWhileJsonKeepsFullPrecision()
    {
        var aggregator = new SweepAggregator(1, ["happyFraction"], ModelCatalog.Default.Get("schelling"));
        foreach (var value in new[] { 0.8208, 0.8208, 0.8208000000000002 })
        {
            aggregator.Add(0, [value]);
        }

        var summary = new SweepSummary("schelling", ["minToBeHappy"], ["happyFraction"], "happyFraction",
            [aggregator.Summarise(0, new Dictionary<string, object?> { ["minToBeHappy"] = 0.1 + 0.2 })]);

        var row = SummaryFiles.ToCsv(summary).Split('\n')[1].Split(',');
        Assert.Equal("0.3", row[1]);
        Assert.Equal("0.8208", row[3]);
        using var json = System.Text.Json.JsonDocument.Parse(SummaryFiles.ToJson(summary));
        var mean = json.RootElement.GetProperty("points")[0].GetProperty("metrics").GetProperty("happyFraction").GetProperty("mean").GetDouble();
        Assert.Equal(summary.Points[0].Metrics[0].Mean, mean);
        Assert.NotEqual(0.8208, mean);
    }

    [Fact]
    public void SummaryFiles_Json_RoundTripsThePointValues()
    {
        using var json = System.Text.Json.JsonDocument.Parse(SummaryFiles.ToJson(Summary()));

        var first = json.RootElement.GetProperty("points")[0];
        Assert.Equal(2, first.GetProperty("parameters").GetProperty("minToBeHappy").GetInt64());
        Assert.Equal(3, first.GetProperty("metrics").GetProperty("happyFraction").GetProperty("n").GetInt64());
    }

    [Fact]
    public void SweepChart_TwoFactors_IsWellFormedSvgWithAMarkerPerPointAndAPanelPerLevel()
    {
        var svg = XDocument.Parse(SweepChart.ToSvg(Summary()));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(6, svg.Descendants(ns + "circle").Count());
        Assert.Equal(2, svg.Descendants(ns + "path").Count(p => p.Attribute("class") is null));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
    }

    private static RunningStatistics Statistics(params double[] values)
    {
        var statistics = new RunningStatistics();
        foreach (var v in values)
        {
            statistics.Add(v);
        }

        return statistics;
    }

    private static SweepSummary Summary()
    {
        string[] metrics = ["happyFraction", "moved"];
        var aggregator = new SweepAggregator(6, metrics, ModelCatalog.Default.Get("schelling"));
        var parameters = new List<Dictionary<string, object?>>();
        var point = 0;
        foreach (var minToBeHappy in new long[] { 2, 3, 4 })
        {
            foreach (var agents in new long[] { 800, 1000 })
            {
                parameters.Add(new() { ["minToBeHappy"] = minToBeHappy, ["agents"] = agents });
                for (var r = 0; r < 3; r++)
                {
                    aggregator.Add(point, [0.9 - (minToBeHappy * 0.1) + (r * 0.01), 10 + r]);
                }

                point++;
            }
        }

        return new SweepSummary("schelling", ["minToBeHappy", "agents"], metrics, "happyFraction",
            [.. parameters.Select((p, i) => aggregator.Summarise(i, p))]);
    }
}
