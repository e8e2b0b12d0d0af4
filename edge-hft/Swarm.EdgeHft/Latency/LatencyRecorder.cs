using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Latency;

/// <summary>One <see cref="LatencyHistogram"/> per <see cref="LatencyStage"/>, fed with <see cref="Stopwatch"/> ticks.</summary>
public sealed class LatencyRecorder
{
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;
    private static readonly bool TicksAreNanos = Stopwatch.Frequency == 1_000_000_000;
    private readonly LatencyHistogram[] _stages;

    /// <summary>Creates empty histograms.</summary>
    public LatencyRecorder()
    {
        _stages = new LatencyHistogram[Enum.GetValues<LatencyStage>().Length];
        for (var i = 0; i < _stages.Length; i++)
        {
            _stages[i] = new LatencyHistogram();
        }
    }

    /// <summary>Every stage, in <see cref="LatencyStage"/> order.</summary>
    public static IReadOnlyList<LatencyStage> Stages { get; } = Enum.GetValues<LatencyStage>();

    /// <summary>The histogram of <paramref name="stage"/>.</summary>
    public LatencyHistogram this[LatencyStage stage] => _stages[(int)stage];

    /// <summary>Records the time from <paramref name="startTicks"/> to <paramref name="endTicks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(LatencyStage stage, long startTicks, long endTicks) =>
        _stages[(int)stage].Record(ToNanoseconds(endTicks - startTicks));

    /// <summary>Converts <see cref="Stopwatch"/> ticks to nanoseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNanoseconds(long ticks) => TicksAreNanos ? ticks : (long)(ticks * NanosPerTick);

    /// <summary>Forgets every value (after warm-up).</summary>
    public void Reset()
    {
        foreach (var h in _stages)
        {
            h.Reset();
        }
    }
}
