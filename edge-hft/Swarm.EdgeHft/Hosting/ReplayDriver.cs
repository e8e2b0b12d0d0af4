using System.Diagnostics;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Trading;

namespace Swarm.EdgeHft.Hosting;

/// <summary>Feeds replayed messages to the pipeline and, every few thousand, services the gateway and the allocation gauge.</summary>
internal sealed class ReplayDriver(TradingPipeline pipeline, OrderGatewayClient? gateway, EdgeMetrics metrics) : IFeedMessageSink
{
    private const int ServiceEvery = 4_096;
    private int _sinceService;

    /// <summary>Allocated-bytes reading of the trading thread when trading started.</summary>
    public long AllocationBaseline { get; set; }

    public void OnMessage(ReadOnlySpan<byte> message, ulong sequence)
    {
        pipeline.Process(message, Stopwatch.GetTimestamp());
        if (++_sinceService == ServiceEvery)
        {
            _sinceService = 0;
            gateway?.Poll(pipeline, Stopwatch.GetTimestamp());
            metrics.HotPathAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - AllocationBaseline;
        }
    }
}
