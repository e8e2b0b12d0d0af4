namespace Swarm.EdgeHft.Xdp;

/// <summary>The kernel's counters for an AF_XDP socket (<c>struct xdp_statistics</c>).</summary>
/// <param name="Dropped">Frames dropped for other reasons (in copy mode: no free frame to copy into).</param>
/// <param name="InvalidDescriptors">Fill ring entries the kernel refused.</param>
/// <param name="RxRingFull">Frames dropped because the RX ring was full (the receiver fell behind).</param>
/// <param name="FillRingEmpty">Times the kernel found no frame in the fill ring.</param>
public readonly record struct XdpSocketStatistics(long Dropped, long InvalidDescriptors, long RxRingFull, long FillRingEmpty);
