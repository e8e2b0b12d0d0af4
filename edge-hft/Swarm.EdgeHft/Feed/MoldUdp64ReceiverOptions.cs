namespace Swarm.EdgeHft.Feed;

/// <summary>Options of a <see cref="MoldUdp64Receiver"/>.</summary>
public sealed record MoldUdp64ReceiverOptions
{
    /// <summary>The session to accept; null locks onto the session of the first packet.</summary>
    public string? Session { get; init; }

    /// <summary>The first sequence number expected (1 for a fresh session).</summary>
    public ulong FirstSequence { get; init; } = 1;

    /// <summary>Bytes of live packets held back while a gap is being recovered (at least one maximal packet).</summary>
    public int HoldBackBytes { get; init; } = 4 << 20;

    /// <summary>How long to wait for a re-transmission before the gap is abandoned.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
