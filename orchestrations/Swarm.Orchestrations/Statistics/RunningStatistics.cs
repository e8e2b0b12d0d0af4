namespace Swarm.Orchestrations.Statistics;

/// <summary>Count, mean and variance of a stream of values in one pass (Welford), so no sample is ever held.</summary>
public struct RunningStatistics
{
    private double _m2;
    private bool _sawOtherThanZeroOrOne;

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Their mean (NaN before the first value).</summary>
    public double Mean { get; private set; }

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        _sawOtherThanZeroOrOne |= value is not (0 or 1);
        Count++;
        if (Count == 1)
        {
            Mean = value;
            _m2 = 0;
            return;
        }

        var delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }

    /// <summary>The sample variance (n - 1 denominator); NaN with fewer than two values.</summary>
    public readonly double Variance => Count > 1 ? _m2 / (Count - 1) : double.NaN;

    /// <summary>Every value added was 0 or 1: the values are outcomes of trials, and <see cref="Mean"/> is their success proportion.</summary>
    public readonly bool ZeroOrOneOnly => Count > 0 && !_sawOtherThanZeroOrOne;

    /// <summary>The sample standard deviation.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);
}
