using Swarm.EdgeHft.Latency;

namespace Swarm.EdgeHft.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_SmallValues_AreExact()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 1_000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(500, h.Percentile(50));
        Assert.Equal(990, h.Percentile(99));
        Assert.Equal(999, h.Percentile(99.9));
        Assert.Equal(1_000, h.Percentile(100));
        Assert.Equal((1, 1_000, 1_000L), (h.Min, h.Max, h.Count));
        Assert.Equal(500.5, h.Mean);
    }

    [Fact]
    public void Percentile_WideRandomValues_WithinOneTenthPercentAndNeverBelowExact()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => (long)Math.Exp(random.NextDouble() * 25)).ToArray();
        var h = new LatencyHistogram();
        foreach (var v in values)
        {
            h.Record(v);
        }

        Array.Sort(values);
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            var reported = h.Percentile(p);
            Assert.InRange(reported, exact, exact + Math.Max(1, exact / 1_000));
        }

        Assert.Equal(values[^1], h.Max);
    }

    [Fact]
    public void Record_NegativeAndHuge_AreClampedButMaxIsExact()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(long.MaxValue / 2);

        Assert.Equal(0, h.Min);
        Assert.Equal(long.MaxValue / 2, h.Max);
        Assert.Equal(long.MaxValue / 2, h.Percentile(100));
    }

    [Fact]
    public void AddAndCopy_CombineCounts()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(20);
        b.Record(30);

        a.Add(b);
        var copy = new LatencyHistogram();
        a.CopyTo(copy);

        Assert.Equal(3, copy.Count);
        Assert.Equal(60, copy.Sum);
        Assert.Equal(20, copy.Percentile(50));
        copy.Reset();
        Assert.Equal(0, copy.Percentile(50));
    }
}
