using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Feed;

/// <summary>Parses each feed message into a <see cref="BookBuilder"/>: market data to books, with no strategy behind it.</summary>
public sealed class ItchBookSink(BookBuilder books) : IFeedMessageSink
{
    /// <summary>The parser (its statistics count what was skipped).</summary>
    public ItchParser Parser { get; } = new();

    /// <summary>The books.</summary>
    public BookBuilder Books { get; } = books;

    /// <summary>Messages received.</summary>
    public long Messages { get; private set; }

    /// <summary>Sequence number of the last message.</summary>
    public ulong LastSequence { get; private set; }

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> message, ulong sequence)
    {
        Messages++;
        LastSequence = sequence;
        Parser.Parse(message, Books);
    }
}
