using System.Globalization;
using System.Security;
using System.Text;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// Draws one metric's mean per design point, with its 95% interval as a capped error bar, as a
/// self-contained SVG: the one chart the CLI writes, the API serves and the dashboard shows.
/// </summary>
/// <remarks>
/// <para>The first varied parameter is the x axis. A second one becomes small multiples, one panel per
/// level, on shared scales; a third becomes coloured series, with a legend (only then). A sampled design
/// (random, Latin hypercube) varies every parameter at every point, so it gets one panel per parameter
/// instead. Lines join the means only where x is ordered (numeric levels of a grid or list).</para>
/// <para>Ticks are nice numbers (<see cref="AxisScale"/>), whole numbers for whole-number parameters and
/// counts, and the y axis never leaves the metric's domain. Text is laid out from its estimated width
/// (<see cref="TextWidth"/>) so no two labels overlap. Every text element carries a class
/// (<c>title</c>, <c>panel-title</c>, <c>axis-title</c>, <c>tick-x</c>, <c>tick-y</c>, <c>legend</c>) and
/// every series a <c>data-series</c> attribute, for tests and for the dashboard's toggles. The SVG has no
/// scripts or external references, so it is safe to serve.</para>
/// </remarks>
public static class SweepChart
{
    /// <summary>Font size of tick labels, legend and panel titles.</summary>
    public const double FontSize = 12;

    private const double TitleSize = 15;
    private const double PlotWidthAlone = 540;
    private const double PlotWidthInGrid = 250;
    private const double PlotHeightAlone = 300;
    private const double PlotHeightInGrid = 200;
    private const double Gap = 24;
    private const double CapHalfWidth = 4;
    private const double SeriesDodge = 7;
    private const int MaxSeries = 8;
    private const int MaxPanels = 12;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/> in a sans-serif font (0.6 em a character, a little wider than digits).</summary>
    public static double TextWidth(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length * fontSize * 0.6;
    }

    /// <summary>The chart of <paramref name="summary"/>'s <paramref name="metric"/> (its main metric by default) as SVG text.</summary>
    public static string ToSvg(SweepSummary summary, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        metric ??= summary.MainMetric;
        var points = summary.Points
            .Select(p => new Mark(p, p.Metrics.FirstOrDefault(m => m.Metric == metric)!))
            .Where(p => p.Metric is not null && double.IsFinite(p.Metric.Mean))
            .ToList();
        var domain = points.Select(p => p.Metric.Domain).FirstOrDefault();
        var panels = Panels(summary, points);
        var series = SeriesOf(summary, points);

        // Shared y scale, inside the metric's domain.
        var lows = points.Select(p => double.IsFinite(p.Metric.CiLow) ? p.Metric.CiLow : p.Metric.Mean).DefaultIfEmpty(0).Min();
        var highs = points.Select(p => double.IsFinite(p.Metric.CiHigh) ? p.Metric.CiHigh : p.Metric.Mean).DefaultIfEmpty(1).Max();
        var (floor, ceiling) = MetricSummary.Bounds(domain);
        var columns = panels.Count <= 3 ? panels.Count : (int)Math.Ceiling(Math.Sqrt(panels.Count));
        var rows = (int)Math.Ceiling(panels.Count / (double)columns);
        var plotWidth = panels.Count == 1 ? PlotWidthAlone : PlotWidthInGrid;
        var plotHeight = rows == 1 ? PlotHeightAlone : PlotHeightInGrid;
        var y = AxisScale.For(lows, highs, Math.Max(3, (int)(plotHeight / 40)), domain == MetricDomain.Count, floor, ceiling);
        var yLabelWidth = y.Ticks.Max(t => TextWidth(y.Label(t), FontSize));

        var title = $"{summary.Model}: {metric} (mean, 95% CI)";
        var perPanelXTitle = summary.Sampled;
        var legendWidth = series.Count > 1 ? series.Max(s => TextWidth(s.Label, FontSize)) + 40 : 0;
        var left = 10 + FontSize + 12 + yLabelWidth + 8;
        var top = 16 + TitleSize + 12;
        var panelTitleBand = panels.Any(p => p.Title is not null) ? FontSize + 10 : 0;
        var xTickBand = 8 + FontSize + 6;
        var xTitleBand = FontSize + 14;
        var cellHeight = panelTitleBand + plotHeight + xTickBand + (perPanelXTitle ? xTitleBand : 0) + Gap;
        var width = Math.Max(left + (columns * plotWidth) + ((columns - 1) * Gap) + 20 + legendWidth, TextWidth(title, TitleSize) + 40);
        var height = top + (rows * cellHeight) - Gap + (perPanelXTitle ? 0 : xTitleBand) + 12;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:F0}\" height=\"{height:F0}\" viewBox=\"0 0 {width:F0} {height:F0}\" font-family=\"sans-serif\" font-size=\"{FontSize}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width:F0}\" height=\"{height:F0}\" fill=\"white\"/>\n");
        Text(svg, "title", width / 2, 16 + TitleSize, "middle", title, TitleSize);

        for (var i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var px0 = left + (i % columns * (plotWidth + Gap));
            var py0 = top + (i / columns * cellHeight) + panelTitleBand;
            DrawPanel(svg, panel, series, y, px0, py0, plotWidth, plotHeight, showYLabels: i % columns == 0);
            if (panel.Title is not null)
            {
                Text(svg, "panel-title", px0 + (plotWidth / 2), py0 - 8, "middle", panel.Title, FontSize);
            }

            if (perPanelXTitle)
            {
                Text(svg, "axis-title", px0 + (plotWidth / 2), py0 + plotHeight + xTickBand + FontSize + 4, "middle", panel.XName, FontSize);
            }
        }

        var gridRight = left + (columns * plotWidth) + ((columns - 1) * Gap);
        if (!perPanelXTitle)
        {
            Text(svg, "axis-title", (left + gridRight) / 2, height - 14, "middle", panels[0].XName, FontSize);
        }

        var plotsTop = top + panelTitleBand;
        var plotsBottom = top + ((rows - 1) * cellHeight) + panelTitleBand + plotHeight;
        var yTitleX = 10 + (FontSize * 0.8);
        var yTitleY = (plotsTop + plotsBottom) / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-title\" x=\"{yTitleX:F1}\" y=\"{yTitleY:F1}\" transform=\"rotate(-90 {yTitleX:F1} {yTitleY:F1})\" text-anchor=\"middle\">{Escape(metric)}</text>\n");

        if (series.Count > 1)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var ly = plotsTop + 10 + (s * 20);
                svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend-item\" data-series=\"{Escape(series[s].Key)}\">");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{gridRight + 20:F1}\" y=\"{ly - 10:F1}\" width=\"12\" height=\"12\" fill=\"{series[s].Colour}\"/>");
                Text(svg, "legend", gridRight + 38, ly, "start", series[s].Label, FontSize, newline: false);
                svg.Append("</g>\n");
            }
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void DrawPanel(StringBuilder svg, Panel panel, IReadOnlyList<Series> series, AxisScale y, double x0, double y0, double plotWidth, double plotHeight, bool showYLabels)
    {
        // Points keep a few pixels off the frame so caps and markers at the ends stay inside it.
        const double inset = 10;
        double Py(double value) => y0 + plotHeight - inset - ((value - y.Min) / (y.Max - y.Min) * (plotHeight - (2 * inset)));
        var bottom = y0 + plotHeight;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"panel\"><rect x=\"{x0:F1}\" y=\"{y0:F1}\" width=\"{plotWidth:F1}\" height=\"{plotHeight:F1}\" fill=\"none\" stroke=\"#999\"/>\n");
        foreach (var tick in y.Ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x0:F1}\" x2=\"{x0 + plotWidth:F1}\" y1=\"{Py(tick):F1}\" y2=\"{Py(tick):F1}\" stroke=\"#e5e5e5\"/>\n");
            if (showYLabels)
            {
                Text(svg, "tick-y", x0 - 8, Py(tick) + (FontSize * 0.35), "end", y.Label(tick), FontSize);
            }
        }

        var x = panel.Axis(plotWidth - (2 * inset));
        double Px(Mark mark) => x0 + inset + x.Position(panel.X(mark));
        foreach (var (value, label) in x.Ticks)
        {
            var tx = x0 + inset + x.Position(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{tx:F1}\" x2=\"{tx:F1}\" y1=\"{bottom:F1}\" y2=\"{bottom + 5:F1}\" stroke=\"#333\"/>\n");
            Text(svg, "tick-x", tx, bottom + 8 + FontSize, "middle", label, FontSize);
        }

        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var marks = panel.Marks.Where(m => s.Contains(m)).OrderBy(panel.X).ToList();
            // Series side by side at the same x (dodged by a few pixels), so one's bar never hides another's marker.
            var dodge = (k - ((series.Count - 1) / 2.0)) * SeriesDodge;
            if (marks.Count == 0)
            {
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{Escape(s.Key)}\" fill=\"{s.Colour}\" stroke=\"{s.Colour}\">\n");
            if (panel.Ordered && marks.Count > 1)
            {
                var path = string.Join(' ', marks.Select((m, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{Px(m) + dodge:F1},{Py(m.Metric.Mean):F1}")));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke-width=\"1.5\" pointer-events=\"none\"/>\n");
            }

            foreach (var mark in marks)
            {
                var px = Px(mark) + dodge;
                var m = mark.Metric;
                if (double.IsFinite(m.CiLow) && double.IsFinite(m.CiHigh))
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<path class=\"error-bar\" d=\"M{px:F1},{Py(m.CiLow):F1} V{Py(m.CiHigh):F1} M{px - CapHalfWidth:F1},{Py(m.CiLow):F1} H{px + CapHalfWidth:F1} M{px - CapHalfWidth:F1},{Py(m.CiHigh):F1} H{px + CapHalfWidth:F1}\" fill=\"none\" pointer-events=\"none\"/>\n");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:F1}\" cy=\"{Py(m.Mean):F1}\" r=\"3.5\" data-point=\"{mark.Point.Point}\"><title>{Escape(Hover(mark))}</title></circle>\n");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</g>\n");
    }

    private static List<Panel> Panels(SweepSummary summary, List<Mark> points)
    {
        var varied = summary.VariedParameters;
        if (varied.Count == 0)
        {
            return [new Panel("point", null, points, ordered: true)];
        }

        if (summary.Sampled)
        {
            return [.. varied.Select(name => new Panel(name, null, points, ordered: false))];
        }

        if (varied.Count > 1)
        {
            var levels = points.Select(p => Label(Value(p.Point, varied[1]))).Distinct(StringComparer.Ordinal).ToList();
            if (levels.Count <= MaxPanels)
            {
                return [.. levels.Select(level => new Panel(varied[0], $"{varied[1]} = {level}",
                    [.. points.Where(p => Label(Value(p.Point, varied[1])) == level)], ordered: true, allMarks: points))];
            }
        }

        return [new Panel(varied[0], null, points, ordered: true)];
    }

    private static List<Series> SeriesOf(SweepSummary summary, List<Mark> points)
    {
        var varied = summary.VariedParameters;
        if (!summary.Sampled && varied.Count > 2)
        {
            var name = varied[2];
            var levels = points.Select(p => Label(Value(p.Point, name))).Distinct(StringComparer.Ordinal).ToList();
            if (levels.Count is > 1 and <= MaxSeries)
            {
                return [.. levels.Select((level, i) => new Series($"{name}={level}", $"{name} = {level}", Palette[i],
                    m => Label(Value(m.Point, name)) == level))];
            }
        }

        return [new Series("all", string.Empty, Palette[0], _ => true)];
    }

    private static string Hover(Mark mark)
    {
        var m = mark.Metric;
        var interval = double.IsFinite(m.CiLow)
            ? $" [{SummaryFiles.Format(m.CiLow)}, {SummaryFiles.Format(m.CiHigh)}]{(m.Truncated ? " (cut at the bound)" : string.Empty)}"
            : string.Empty;
        var parameters = string.Join(", ", mark.Point.Parameters.Select(p => $"{p.Key}={Label(p.Value)}"));
        return $"point {mark.Point.Point} ({parameters}): {m.Metric} {SummaryFiles.Format(m.Mean)}{interval}, n={m.Count}";
    }

    private static void Text(StringBuilder svg, string kind, double x, double y, string anchor, string text, double size, bool newline = true)
    {
        var sizeAttribute = size == FontSize ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" font-size=\"{size}\"");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{kind}\" x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\"{sizeAttribute}>{Escape(text)}</text>");
        if (newline)
        {
            svg.Append('\n');
        }
    }

    private static object? Value(PointSummary point, string? name) =>
        name is not null && point.Parameters.TryGetValue(name, out var value) ? value : point.Point;

    private static string Label(object? value) => value switch
    {
        null => "null",
        double d => SummaryFiles.Format(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    private sealed record Mark(PointSummary Point, MetricSummary Metric);

    private sealed record Series(string Key, string Label, string Colour, Func<Mark, bool> Contains);

    /// <summary>One plot: the marks with their x parameter; the x axis spans <c>allMarks</c> so panels share it.</summary>
    private sealed class Panel
    {
        private readonly List<Mark> _scaleMarks;

        public Panel(string xName, string? title, List<Mark> marks, bool ordered, List<Mark>? allMarks = null)
        {
            XName = xName;
            Title = title;
            Marks = marks;
            _scaleMarks = allMarks ?? marks;
            var values = _scaleMarks.Select(m => Value(m.Point, xName)).ToList();
            Numeric = values.Count > 0 && values.All(v => v is IConvertible and not (string or bool));
            // Whole-number levels (of an int parameter, however the design typed them) get whole-number ticks.
            Integer = Numeric && values.All(v => v is long or int || (v is double d && d == Math.Floor(d) && Math.Abs(d) < 1e15));
            Categories = Numeric ? [] : [.. values.Select(Label).Distinct(StringComparer.Ordinal)];
            Ordered = ordered && Numeric;
        }

        public string XName { get; }

        public string? Title { get; }

        public List<Mark> Marks { get; }

        public bool Numeric { get; }

        public bool Integer { get; }

        public bool Ordered { get; }

        public List<string> Categories { get; }

        public double X(Mark mark)
        {
            var value = Value(mark.Point, XName);
            return Numeric ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : Categories.IndexOf(Label(value));
        }

        /// <summary>The x axis over <paramref name="length"/> pixels, with as many ticks as fit without their labels touching.</summary>
        public XAxis Axis(double length)
        {
            if (!Numeric)
            {
                var slot = length / Math.Max(1, Categories.Count);
                var widest = Categories.Select(c => TextWidth(c, FontSize)).DefaultIfEmpty(0).Max();
                var every = Math.Max(1, (int)Math.Ceiling((widest + 8) / slot));
                return new XAxis(
                    v => (v + 0.5) * slot,
                    [.. Categories.Select((c, i) => ((double)i, c)).Where(t => (int)t.Item1 % every == 0)]);
            }

            var xs = _scaleMarks.Select(X).ToList();
            for (var maxTicks = 10; ; maxTicks--)
            {
                var scale = AxisScale.For(xs.Min(), xs.Max(), maxTicks, Integer);
                var spacing = length / Math.Max(1, scale.Ticks.Count - 1);
                var widest = scale.Ticks.Max(t => TextWidth(scale.Label(t), FontSize));
                if (widest + 8 <= spacing || maxTicks == 2)
                {
                    return new XAxis(v => (v - scale.Min) / (scale.Max - scale.Min) * length, [.. scale.Ticks.Select(t => (t, scale.Label(t)))]);
                }
            }
        }
    }

    private sealed record XAxis(Func<double, double> Position, List<(double Value, string Label)> Ticks);
}
