using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Tests;

public sealed class ItchFileReplayTests
{
    [Fact]
    public void Replay_LengthPrefixedRecords_DeliversEachMessageInOrder()
    {
        // Two records laid out by hand: u16 length, then the message bytes.
        var file = new Wire().U16(3).Char('a').Char('b').Char('c').U16(1).Char('z').U16(0).ToArray();
        var sink = new RecordingSink();

        var result = new ItchFileReplay().Replay(new MemoryStream(file), sink);

        Assert.Equal(3, result.Messages);
        Assert.Equal(0, result.TruncatedTailBytes);
        Assert.Equal("abc"u8.ToArray(), sink.Messages[0].Message);
        Assert.Equal("z"u8.ToArray(), sink.Messages[1].Message);
        Assert.Empty(sink.Messages[2].Message);
        Assert.Equal([1ul, 2, 3], sink.Sequences);
    }

    [Fact]
    public void Replay_TruncatedLastRecord_ReportsTailWithoutThrowing()
    {
        var file = new Wire().U16(1).Char('a').U16(10).Char('b').ToArray();
        var sink = new RecordingSink();

        var result = new ItchFileReplay().Replay(new MemoryStream(file), sink);

        Assert.Equal(1, result.Messages);
        Assert.Equal(3, result.TruncatedTailBytes);
    }

    [Fact]
    public void Replay_RecordsSpanningBufferRefills_AreReassembled()
    {
        var stream = new MemoryStream();
        using (var writer = new ItchFileWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < 5_000; i++)
            {
                writer.Append(Enumerable.Repeat((byte)(i % 251), 1 + (i % 300)).ToArray());
            }
        }

        stream.Position = 0;
        var sink = new RecordingSink();

        var result = new ItchFileReplay(bufferBytes: 1).Replay(stream, sink);

        Assert.Equal(5_000, result.Messages);
        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(1 + (i % 300), sink.Messages[i].Message.Length);
            Assert.All(sink.Messages[i].Message, b => Assert.Equal((byte)(i % 251), b));
        }
    }
}
