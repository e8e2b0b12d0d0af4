using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Swarm.Orchestrations.Statistics;

/// <summary>Writes a <see cref="SweepSummary"/> as CSV (one row per point, for reading) and JSON (full precision, for programs).</summary>
public static class SummaryFiles
{
    private static readonly string[] Statistics = ["n", "mean", "sd", "ci_low", "ci_high", "ci_method", "ci_truncated", "rel_half_width", "converged"];

    /// <summary>
    /// CSV: <c>point,&lt;varied…&gt;,&lt;metric&gt;_n,&lt;metric&gt;_mean,…</c>; invariant culture, numbers to
    /// six significant digits (the relative half-width to three), which is more than any replicate count here resolves.
    /// </summary>
    public static string ToCsv(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new StringBuilder("point");
        foreach (var name in summary.VariedParameters)
        {
            csv.Append(',').Append(Field(name));
        }

        foreach (var metric in summary.Metrics)
        {
            foreach (var statistic in Statistics)
            {
                csv.Append(',').Append(Field($"{metric}_{statistic}"));
            }
        }

        csv.Append('\n');
        foreach (var point in summary.Points)
        {
            csv.Append(point.Point.ToString(CultureInfo.InvariantCulture));
            foreach (var name in summary.VariedParameters)
            {
                csv.Append(',').Append(Field(Format(point.Parameters.TryGetValue(name, out var value) ? value : null)));
            }

            foreach (var m in point.Metrics)
            {
                csv.Append(',').Append(m.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(',').Append(Format(m.Mean))
                    .Append(',').Append(Format(m.StandardDeviation))
                    .Append(',').Append(Format(m.CiLow))
                    .Append(',').Append(Format(m.CiHigh))
                    .Append(',').Append(MethodName(m.Interval))
                    .Append(',').Append(m.Truncated ? "true" : "false")
                    .Append(',').Append(Format(m.RelativeHalfWidth, "G3"))
                    .Append(',').Append(m.Converged ? "true" : "false");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>JSON: the summary record, camelCase, full (round-trip) precision, NaN written as null.</summary>
    public static string ToJson(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", summary.Model);
            json.WriteString("mainMetric", summary.MainMetric);
            WriteStrings(json, "variedParameters", summary.VariedParameters);
            WriteStrings(json, "metrics", summary.Metrics);
            json.WriteBoolean("sampled", summary.Sampled);
            json.WriteStartArray("points");
            foreach (var point in summary.Points)
            {
                json.WriteStartObject();
                json.WriteNumber("point", point.Point);
                json.WriteStartObject("parameters");
                foreach (var (name, value) in point.Parameters)
                {
                    json.WritePropertyName(name);
                    JsonSerializer.Serialize(json, value);
                }

                json.WriteEndObject();
                json.WriteStartObject("metrics");
                foreach (var m in point.Metrics)
                {
                    json.WriteStartObject(m.Metric);
                    json.WriteString("domain", JsonNamingPolicy.CamelCase.ConvertName(m.Domain.ToString()));
                    json.WriteNumber("n", m.Count);
                    Number(json, "mean", m.Mean);
                    Number(json, "sd", m.StandardDeviation);
                    Number(json, "ciLow", m.CiLow);
                    Number(json, "ciHigh", m.CiHigh);
                    json.WriteString("ciMethod", MethodName(m.Interval));
                    json.WriteBoolean("ciTruncated", m.Truncated);
                    Number(json, "relativeHalfWidth", m.RelativeHalfWidth);
                    json.WriteBoolean("converged", m.Converged);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The name files use for <paramref name="method"/>: <c>t</c>, <c>wilson</c>, or empty without an interval.</summary>
    public static string MethodName(IntervalMethod method) => method switch
    {
        IntervalMethod.StudentT => "t",
        IntervalMethod.Wilson => "wilson",
        _ => string.Empty,
    };

    /// <summary><paramref name="value"/> as a reader wants it: six significant digits, invariant culture, empty when not finite.</summary>
    public static string Format(double value, string format = "G6") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : string.Empty;

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        double d => Format(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
