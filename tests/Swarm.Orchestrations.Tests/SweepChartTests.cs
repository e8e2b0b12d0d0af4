using System.Globalization;
using System.Xml.Linq;
using Swarm.Orchestrations.Statistics;
using Swarm.Orchestrations.Tests.Workflows;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests;

/// <summary>Every sample sweep's chart, rendered from real runs, read back for its layout: ticks, panels, bars, lines, legend, text.</summary>
public sealed class SweepChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Samples() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "samples"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleChart_HasNiceTicksCappedBarsAndNoOverlappingText(string sample)
    {
        var summary = SweepTestData.SummariseDirectly(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", sample)));
        var chart = XDocument.Parse(SweepChart.ToSvg(summary)).Root!;

        Assert.DoesNotContain(chart.Descendants(), e => e.Name.LocalName is "script" or "foreignObject");
        AssertNoTextOverlaps(chart);

        var domain = summary.Points[0].Metrics.First(m => m.Metric == summary.MainMetric).Domain;
        var yTicks = Numbers(chart, "tick-y");
        AssertNice(yTicks, integer: domain == MetricDomain.Count);
        var (floor, ceiling) = MetricSummary.Bounds(domain);
        Assert.All(yTicks, t => Assert.InRange(t, floor, ceiling));

        var panels = chart.Elements(Svg + "g").Where(g => Class(g) == "panel").ToList();
        foreach (var panel in panels)
        {
            var xTicks = Numbers(panel, "tick-x");
            AssertNice(xTicks, integer: false);
        }

        // One marker per point and panel; an interval drawn as a bar with two caps.
        var expectedPanels = summary.Sampled ? summary.VariedParameters.Count : summary.VariedParameters.Count > 1 ? summary.Points.Select(p => p.Parameters[summary.VariedParameters[1]]).Distinct().Count() : 1;
        Assert.Equal(expectedPanels, panels.Count);
        var perPanel = summary.Sampled ? summary.Points.Count * panels.Count : summary.Points.Count;
        Assert.Equal(perPanel, chart.Descendants(Svg + "circle").Count());
        var bars = chart.Descendants(Svg + "path").Where(p => Class(p) == "error-bar").ToList();
        Assert.Equal(perPanel, bars.Count);
        Assert.All(bars, b => Assert.Equal(2, b.Attribute("d")!.Value.Count(c => c == 'H')));

        // Lines only where x is ordered (a grid's levels), never through a sampled design's scatter.
        var lines = chart.Descendants(Svg + "path").Count(p => Class(p) is null);
        if (summary.Sampled)
        {
            Assert.Equal(0, lines);
        }
        else
        {
            Assert.Equal(panels.Count, lines);
        }

        // One series: no legend and no room kept for one.
        Assert.Empty(Texts(chart, "legend"));
    }

    [Fact]
    public void SchellingChart_HasAPanelPerAgentCountAndEveryThresholdAsATick()
    {
        var summary = SweepTestData.SummariseDirectly(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "schelling-sweep.json")));
        var chart = XDocument.Parse(SweepChart.ToSvg(summary)).Root!;

        Assert.Equal(["agents = 800", "agents = 1000", "agents = 1200"], Texts(chart, "panel-title").Select(t => t.Value));
        foreach (var panel in chart.Elements(Svg + "g").Where(g => Class(g) == "panel"))
        {
            Assert.Equal([1.0, 2, 3, 4, 5], Numbers(panel, "tick-x"));
        }

        var yTicks = Numbers(chart, "tick-y");
        Assert.True(yTicks[^1] <= 1, $"a fraction's axis ends at {yTicks[^1]}");
    }

    [Fact]
    public void LatinHypercubeChart_PlotsEachFactorOnItsOwnPanel()
    {
        var summary = SweepTestData.SummariseDirectly(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "wolfsheep-sweep.json")));
        var chart = XDocument.Parse(SweepChart.ToSvg(summary)).Root!;

        Assert.Equal(["sheepReproduce", "wolfReproduce", "sheep"], Texts(chart, "axis-title").Select(t => t.Value));
    }

    [Fact]
    public void ThreeFactors_GetASeriesPerLevelOfTheThirdWithALegend()
    {
        var summary = SweepTestData.SummariseDirectly("""
            { "model": "schelling", "parameters": { "width": 12, "height": 12, "agents": 80 },
              "design": { "type": "grid", "factors": { "minToBeHappy": [2, 3], "radius": [1, 2], "torus": [true, false] } },
              "replicates": 2, "seed": 4, "steps": 3, "metrics": ["happyFraction"] }
            """);
        var chart = XDocument.Parse(SweepChart.ToSvg(summary)).Root!;

        Assert.Equal(["torus = true", "torus = false"], Texts(chart, "legend").Select(t => t.Value));
        Assert.Equal(2, chart.Descendants(Svg + "g").Count(g => Class(g) == "panel"));
        Assert.Equal(4, chart.Descendants(Svg + "g").Count(g => Class(g) == "series"));
        Assert.All(chart.Descendants(Svg + "g").Where(g => Class(g) == "panel"), p => Assert.Equal([2.0, 3], Numbers(p, "tick-x")));
        AssertNoTextOverlaps(chart);
    }

    [Fact]
    public void AxisScale_PicksStepsOfOneTwoOrFiveAndWholeNumbersForIntegers()
    {
        Assert.Equal([1.0, 2, 3, 4, 5], AxisScale.For(1, 5, 8, integer: true).Ticks);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], AxisScale.For(-0.005439, 1, 6, integer: false, 0, 1).Ticks);
        Assert.Equal(["0.0", "0.1", "0.2"], AxisScale.For(0.01, 0.39, 6, integer: false).Ticks.Take(3).Select(t => AxisScale.For(0.01, 0.39, 6, integer: false).Label(t)));
        Assert.All(AxisScale.For(0.8, 5.2, 6, integer: true).Ticks, t => Assert.Equal(Math.Floor(t), t));
    }

    private static void AssertNice(IReadOnlyList<double> ticks, bool integer)
    {
        Assert.True(ticks.Count >= 2, $"only {ticks.Count} ticks");
        var step = ticks[1] - ticks[0];
        for (var i = 2; i < ticks.Count; i++)
        {
            Assert.Equal(step, ticks[i] - ticks[i - 1], 9);
        }

        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2, 5 });
        Assert.All(ticks, t => Assert.Equal(0, Math.Abs((t / step) - Math.Round(t / step)), 6));
        if (integer)
        {
            Assert.All(ticks, t => Assert.Equal(Math.Floor(t), t));
        }
    }

    private static void AssertNoTextOverlaps(XElement chart)
    {
        var boxes = chart.Descendants(Svg + "text").Select(t => (Text: t.Value, Box: Box(t))).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i].Box, boxes[j].Box);
                var overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                Assert.False(overlap, $"'{boxes[i].Text}' overlaps '{boxes[j].Text}'");
            }
        }

        var width = double.Parse(chart.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        var height = double.Parse(chart.Attribute("height")!.Value, CultureInfo.InvariantCulture);
        Assert.All(boxes, b => Assert.True(b.Box.Left >= 0 && b.Box.Right <= width && b.Box.Top >= 0 && b.Box.Bottom <= height, $"'{b.Text}' leaves the chart"));
    }

    // The text's extent from its anchor, its estimated width, and ascent/descent of 0.8/0.2 em; rotated by -90° about (x, y) when transformed.
    private static (double Left, double Right, double Top, double Bottom) Box(XElement text)
    {
        var size = double.Parse(text.Attribute("font-size")?.Value ?? SweepChart.FontSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var x = double.Parse(text.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        var y = double.Parse(text.Attribute("y")!.Value, CultureInfo.InvariantCulture);
        var width = SweepChart.TextWidth(text.Value, size);
        var start = text.Attribute("text-anchor")?.Value switch
        {
            "middle" => -width / 2,
            "end" => -width,
            _ => 0,
        };
        return text.Attribute("transform") is null
            ? (x + start, x + start + width, y - (0.8 * size), y + (0.2 * size))
            : (x - (0.8 * size), x + (0.2 * size), y - start - width, y - start);
    }

    private static List<XElement> Texts(XElement root, string kind) =>
        [.. root.Descendants(Svg + "text").Where(t => Class(t) == kind)];

    private static List<double> Numbers(XElement root, string kind) =>
        [.. Texts(root, kind).Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture))];

    private static string? Class(XElement element) => element.Attribute("class")?.Value;
}
