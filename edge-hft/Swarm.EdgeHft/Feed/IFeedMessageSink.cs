namespace Swarm.EdgeHft.Feed;

/// <summary>Receives feed messages in sequence order, one ITCH message per call.</summary>
/// <remarks>Called on the feed thread; the span is only valid during the call. Must not allocate or block.</remarks>
public interface IFeedMessageSink
{
    /// <summary>One message; <paramref name="sequence"/> is its MoldUDP64 sequence number (or its 1-based position in a file).</summary>
    void OnMessage(ReadOnlySpan<byte> message, ulong sequence);
}
