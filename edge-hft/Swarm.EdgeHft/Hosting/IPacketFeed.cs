using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Hosting;

/// <summary>A source of MoldUDP64 packets that drives a <see cref="MoldUdp64Receiver"/>: the UDP socket or AF_XDP.</summary>
public interface IPacketFeed : IDisposable
{
    /// <summary>The sequencing receiver (counters, gap state).</summary>
    MoldUdp64Receiver Receiver { get; }

    /// <summary>What is receiving, for the startup log.</summary>
    string Description { get; }

    /// <summary>A note when a tuning option could not be applied.</summary>
    string? TuningWarning { get; }

    /// <summary>
    /// Processes what has arrived, waiting up to <paramref name="waitMicroseconds"/> when nothing has (0 = do not wait;
    /// a spinning feed never waits); returns whether a packet was processed. Also lets a stalled recovery time out.
    /// </summary>
    bool PollOnce(int waitMicroseconds);
}
