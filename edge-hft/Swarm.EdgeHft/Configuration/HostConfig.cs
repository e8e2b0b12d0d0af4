namespace Swarm.EdgeHft.Configuration;

/// <summary>Host tuning of the trading thread and the runtime.</summary>
public sealed record HostConfig
{
    /// <summary>CPUs the trading thread is pinned to (empty = no pinning).</summary>
    public IReadOnlyList<int> CpuAffinity { get; init; } = [];

    /// <summary>Use <c>GCLatencyMode.SustainedLowLatency</c>.</summary>
    public bool LowLatencyGc { get; init; } = true;

    /// <summary>After warm-up, enter a no-GC region of this size (0 = off).</summary>
    public int NoGcRegionMegabytes { get; init; }

    /// <summary>Live book orders to preallocate for.</summary>
    public int ExpectedBookOrders { get; init; } = 1 << 20;

    /// <summary>Synthetic messages run through the code before trading starts, so it is compiled and tiered up.</summary>
    public int WarmupMessages { get; init; } = 300_000;
}
