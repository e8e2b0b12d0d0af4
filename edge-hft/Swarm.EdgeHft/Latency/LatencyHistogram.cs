using System.Numerics;
using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Latency;

/// <summary>
/// An HDR-style log-linear histogram of nanosecond values: exact below 2,048 ns, then 1,024 linear buckets per power
/// of two (relative error below 0.1 %), up to about 18 minutes. Recording is a few instructions and never allocates.
/// </summary>
/// <remarks>
/// Percentiles report the upper bound of the bucket that holds the requested rank (never an under-estimate), capped
/// by the exact maximum. One thread records; other threads may read at any time — a reader can see a recording half
/// applied (count bumped, total not yet), which is harmless for monitoring; <see cref="CopyTo"/> gives a stable copy.
/// </remarks>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 11;
    private const int HalfBuckets = 1 << (SubBucketBits - 1);
    private const int MaxShift = 30;
    private const long Highest = (1L << (SubBucketBits + MaxShift)) - 1;

    private readonly long[] _counts = new long[(MaxShift + 2) * HalfBuckets];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values recorded (ns).</summary>
    public long Sum { get; private set; }

    /// <summary>Largest value recorded (exact, ns).</summary>
    public long Max { get; private set; }

    /// <summary>Smallest value recorded (exact, ns); 0 when empty.</summary>
    public long Min { get; private set; }

    /// <summary>Mean (ns); 0 when empty.</summary>
    public double Mean => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>Records one value in nanoseconds (negative values count as 0; values above ~18 min as the top bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        _counts[IndexOf(Math.Min(nanoseconds, Highest))]++;
        if (Count == 0 || nanoseconds < Min)
        {
            Min = nanoseconds;
        }

        if (nanoseconds > Max)
        {
            Max = nanoseconds;
        }

        Count++;
        Sum += nanoseconds;
    }

    /// <summary>The value at percentile <paramref name="percentile"/> (0-100], in ns; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        // The small epsilon keeps 99.9 % of 1000 at rank 999 despite binary floating point (0.999 * 1000 = 999.0000000000001).
        var rank = (long)Math.Ceiling((Math.Clamp(percentile, 0, 100) / 100 * count) - 1e-9);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // The top bucket also holds clamped values, so only the exact maximum describes it.
                return i == _counts.Length - 1 ? Max : Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Count += other.Count;
        Sum += other.Sum;
    }

    /// <summary>Overwrites <paramref name="destination"/> with a copy of this histogram.</summary>
    public void CopyTo(LatencyHistogram destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Array.Copy(_counts, destination._counts, _counts.Length);
        destination.Count = Count;
        destination.Sum = Sum;
        destination.Max = Max;
        destination.Min = Min;
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = Sum = Max = Min = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(long value)
    {
        // shift = how far the value must move right to fit in SubBucketBits bits; 0 for small values.
        var shift = Math.Max(0, 63 - BitOperations.LeadingZeroCount((ulong)value) - (SubBucketBits - 1));
        return (shift * HalfBuckets) + (int)(value >> shift);
    }

    private static long UpperBound(int index)
    {
        if (index < 2 * HalfBuckets)
        {
            return index;
        }

        var shift = (index / HalfBuckets) - 1;
        var mantissa = index - (shift * HalfBuckets);
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
