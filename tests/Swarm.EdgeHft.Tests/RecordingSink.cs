using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Tests;

internal sealed class RecordingSink : IFeedMessageSink
{
    public List<(ulong Sequence, byte[] Message)> Messages { get; } = [];

    public IEnumerable<ulong> Sequences => Messages.Select(m => m.Sequence);

    public void OnMessage(ReadOnlySpan<byte> message, ulong sequence) => Messages.Add((sequence, message.ToArray()));
}
