using System.Globalization;
using System.Security;
using System.Text;

namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// Draws the main metric's mean (with its 95% interval) against the first varied parameter as a
/// self-contained SVG; a second varied parameter with few values becomes one series per value.
/// </summary>
/// <remarks>
/// Numeric x values are placed on a linear axis; anything else (choices, booleans) is placed at
/// evenly spaced categories. The SVG has no scripts or external references, so it is safe to serve.
/// </remarks>
public static class SweepChart
{
    private const int Width = 720;
    private const int Height = 440;
    private const int Left = 70;
    private const int Right = 160;
    private const int Top = 40;
    private const int Bottom = 60;
    private const int MaxSeries = 8;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The chart of <paramref name="summary"/> as SVG text.</summary>
    public static string ToSvg(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var xName = summary.VariedParameters.FirstOrDefault();
        var seriesName = summary.VariedParameters.Count > 1 ? summary.VariedParameters[1] : null;
        var points = summary.Points
            .Select(p => (Point: p, Metric: p.Metrics.FirstOrDefault(m => m.Metric == summary.MainMetric)))
            .Where(p => p.Metric is not null && double.IsFinite(p.Metric.Mean))
            .ToList();

        var xs = points.Select(p => Value(p.Point, xName)).ToList();
        var numeric = xs.All(x => x is IConvertible and not (string or bool));
        var categories = numeric ? [] : xs.Select(Label).Distinct(StringComparer.Ordinal).ToList();
        double X(object? x) => numeric ? Convert.ToDouble(x, CultureInfo.InvariantCulture) : categories.IndexOf(Label(x));

        var seriesKeys = seriesName is null ? [string.Empty] : points.Select(p => Label(Value(p.Point, seriesName))).Distinct(StringComparer.Ordinal).ToList();
        if (seriesKeys.Count > MaxSeries)
        {
            // Too many values to tell apart by colour: draw one scatter series instead.
            seriesName = null;
            seriesKeys = [string.Empty];
        }

        var lows = points.Select(p => double.IsFinite(p.Metric!.CiLow) ? p.Metric.CiLow : p.Metric.Mean).DefaultIfEmpty(0);
        var highs = points.Select(p => double.IsFinite(p.Metric!.CiHigh) ? p.Metric.CiHigh : p.Metric.Mean).DefaultIfEmpty(1);
        var (yMin, yMax) = Padded(lows.Min(), highs.Max());
        var (xMin, xMax) = xs.Count == 0 ? (0, 1) : Padded(xs.Select(X).Min(), xs.Select(X).Max());

        double Px(double x) => Left + ((x - xMin) / (xMax - xMin) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - ((y - yMin) / (yMax - yMin) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(summary.Model)}: {Escape(summary.MainMetric)} (mean, 95% CI)</text>\n");
        Axes(svg, Px, Py, xMin, xMax, yMin, yMax, numeric, categories);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">{Escape(xName ?? "point")}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18,{(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(summary.MainMetric)}</text>\n");

        for (var s = 0; s < seriesKeys.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var series = points
                .Where(p => seriesName is null || Label(Value(p.Point, seriesName)) == seriesKeys[s])
                .OrderBy(p => X(Value(p.Point, xName)))
                .ToList();
            if (seriesName is not null && series.Count > 1)
            {
                var path = string.Join(' ', series.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
                    $"{(i == 0 ? 'M' : 'L')}{Px(X(Value(p.Point, xName))):F1},{Py(p.Metric!.Mean):F1}")));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n");
            }

            foreach (var (point, metric) in series)
            {
                var px = Px(X(Value(point, xName)));
                if (double.IsFinite(metric!.CiLow))
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:F1}\" x2=\"{px:F1}\" y1=\"{Py(metric.CiLow):F1}\" y2=\"{Py(metric.CiHigh):F1}\" stroke=\"{colour}\"/>\n");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:F1}\" cy=\"{Py(metric.Mean):F1}\" r=\"3.5\" fill=\"{colour}\"><title>point {point.Point}: {Escape(Describe(point))} → {metric.Mean.ToString("G6", CultureInfo.InvariantCulture)}</title></circle>\n");
            }

            if (seriesName is not null)
            {
                var ly = Top + 10 + (s * 18);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 15}\" y=\"{ly - 9}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\n");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 32}\" y=\"{ly + 1}\">{Escape(seriesName)} = {Escape(seriesKeys[s])}</text>\n");
            }
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Axes(StringBuilder svg, Func<double, double> px, Func<double, double> py, double xMin, double xMax, double yMin, double yMax, bool numeric, List<string> categories)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        for (var i = 0; i <= 5; i++)
        {
            var y = yMin + ((yMax - yMin) * i / 5);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 4}\" x2=\"{Width - Right}\" y1=\"{py(y):F1}\" y2=\"{py(y):F1}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{py(y) + 4:F1}\" text-anchor=\"end\">{y.ToString("G4", CultureInfo.InvariantCulture)}</text>\n");
        }

        var ticks = numeric
            ? Enumerable.Range(0, 6).Select(i => (Value: xMin + ((xMax - xMin) * i / 5), Label: (xMin + ((xMax - xMin) * i / 5)).ToString("G4", CultureInfo.InvariantCulture)))
            : categories.Select((c, i) => (Value: (double)i, Label: c));
        foreach (var (value, label) in ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px(value):F1}\" x2=\"{px(value):F1}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom + 4}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px(value):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Escape(label)}</text>\n");
        }
    }

    private static (double Min, double Max) Padded(double min, double max)
    {
        if (max - min < 1e-12)
        {
            var pad = Math.Max(Math.Abs(min) * 0.1, 0.5);
            return (min - pad, max + pad);
        }

        var margin = (max - min) * 0.05;
        return (min - margin, max + margin);
    }

    private static object? Value(PointSummary point, string? name) =>
        name is not null && point.Parameters.TryGetValue(name, out var value) ? value : point.Point;

    private static string Label(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe(PointSummary point) =>
        string.Join(", ", point.Parameters.Select(p => $"{p.Key}={Label(p.Value)}"));

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
