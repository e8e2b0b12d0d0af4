using Swarm.EdgeHft.Latency;

namespace Swarm.Bench;

/// <summary>What one transfer of the feed over the veth pair measured.</summary>
internal sealed record EdgeVethTransfer(
    string Description,
    double Load,
    long Packets,
    long Messages,
    long Lost,
    double Seconds,
    double SenderCpuNanos,
    double ReceiverBusyNanos,
    long ReceiverAllocated,
    LatencyHistogram SendToBook,
    LatencyHistogram ReceiveToBook);
