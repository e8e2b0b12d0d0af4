namespace Swarm.EdgeHft.Feed;

/// <summary>Counters of a <see cref="MoldUdp64Receiver"/> (written by the feed thread only).</summary>
public sealed class MoldUdp64Statistics
{
    /// <summary>Packets received.</summary>
    public long Packets { get; internal set; }

    /// <summary>Messages delivered to the sink, in order.</summary>
    public long MessagesDelivered { get; internal set; }

    /// <summary>Messages dropped because they were already delivered.</summary>
    public long DuplicateMessages { get; internal set; }

    /// <summary>Heartbeat packets.</summary>
    public long Heartbeats { get; internal set; }

    /// <summary>Gaps detected.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Messages recovered by re-transmission.</summary>
    public long MessagesRecovered { get; internal set; }

    /// <summary>Messages given up as lost.</summary>
    public long MessagesLost { get; internal set; }

    /// <summary>Packets too short, with a message block running past the end, or with a count that does not match.</summary>
    public long MalformedPackets { get; internal set; }

    /// <summary>Packets of another session than the one locked on first.</summary>
    public long ForeignSessionPackets { get; internal set; }
}
