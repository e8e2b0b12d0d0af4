using System.Globalization;

namespace Swarm.Orchestrations.Statistics;

/// <summary>
/// A linear axis with "nice" ticks: steps of 1, 2 or 5 times a power of ten, the first and last tick
/// enclosing the data, and whole-number steps for whole-number values.
/// </summary>
/// <param name="Ticks">The tick values, ascending; the axis runs from the first to the last.</param>
/// <param name="Step">The distance between ticks.</param>
public sealed record AxisScale(IReadOnlyList<double> Ticks, double Step)
{
    private static readonly double[] Multiples = [1, 2, 5, 10];

    /// <summary>The lowest value on the axis.</summary>
    public double Min => Ticks[0];

    /// <summary>The highest value on the axis.</summary>
    public double Max => Ticks[^1];

    /// <summary>
    /// The axis for values in [<paramref name="min"/>, <paramref name="max"/>] with at most
    /// <paramref name="maxTicks"/> ticks (at least two), whole-number steps when <paramref name="integer"/>,
    /// and never reaching past [<paramref name="floor"/>, <paramref name="ceiling"/>].
    /// </summary>
    public static AxisScale For(double min, double max, int maxTicks, bool integer, double floor = double.NegativeInfinity, double ceiling = double.PositiveInfinity)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        (min, max) = (Math.Clamp(min, floor, ceiling), Math.Clamp(max, floor, ceiling));

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            // One value: an axis of one step either side, kept inside the bounds.
            var pad = integer ? 1 : Math.Max(Math.Abs(min) * 0.1, 0.1);
            (min, max) = (Math.Max(min - pad, floor), Math.Min(max + pad, ceiling));
        }

        maxTicks = Math.Max(2, maxTicks);
        var rough = (max - min) / (maxTicks - 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = 0.0;
        foreach (var multiple in Multiples)
        {
            step = multiple * magnitude;
            if (step >= rough * (1 - 1e-9) && (Math.Ceiling((max / step) - 1e-9) - Math.Floor((min / step) + 1e-9)) + 1 <= maxTicks)
            {
                break;
            }
        }

        if (integer)
        {
            step = Math.Max(1, Math.Round(step));
        }

        var first = Math.Floor((min / step) + 1e-9);
        var last = Math.Ceiling((max / step) - 1e-9);
        var ticks = new List<double>();
        for (var k = first; k <= last; k++)
        {
            // k * step, not a running sum, so 0.1 + 0.2 never shows as 0.30000000000000004.
            var tick = Math.Round(k * step, Decimals(step) + 2);
            if (tick >= floor - 1e-12 && tick <= ceiling + 1e-12)
            {
                ticks.Add(tick);
            }
        }

        if (ticks.Count < 2)
        {
            ticks = [Math.Max(first * step, floor), Math.Min(last * step, ceiling)];
        }

        return new AxisScale(ticks, step);
    }

    /// <summary><paramref name="value"/> written with as many decimals as the step needs and no more.</summary>
    public string Label(double value)
    {
        // A tick that is zero up to rounding is written 0, never -0.
        var tick = Math.Abs(value) < Step * 1e-6 ? 0 : value;
        return tick.ToString("F" + Decimals(Step).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static int Decimals(double step) =>
        Math.Clamp((int)-Math.Floor(Math.Log10(step) + 1e-9), 0, 12);
}
