using System.Diagnostics;
using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Tests;

public sealed class MoldUdp64ReceiverTests
{
    private sealed class ScriptedHook(bool recover) : IMoldUdp64RecoveryHook
    {
        public List<(ulong First, ulong Count)> Gaps { get; } = [];

        public List<(ulong First, ulong Count)> Abandoned { get; } = [];

        public bool OnGap(MoldSession session, ulong firstMissing, ulong count)
        {
            Gaps.Add((firstMissing, count));
            return recover;
        }

        public void OnGapAbandoned(MoldSession session, ulong firstMissing, ulong count) => Abandoned.Add((firstMissing, count));
    }

    /// <summary>Packet per the MoldUDP64 layout: Session Alpha(10), Sequence u64, Count u16, then (Length u16, Message) blocks.</summary>
    private static byte[] Packet(ulong sequence, int count, string session = "SESSION01")
    {
        var w = new Wire().Alpha(session, 10).U64(sequence).U16((ushort)count);
        for (var i = 0; i < count; i++)
        {
            // Each message carries its own sequence number in its body so the test can check order.
            w.U16(9).Char('Z').U64(sequence + (ulong)i);
        }

        return w.ToArray();
    }

    private static byte[] Control(ulong sequence, ushort count) => new Wire().Alpha("SESSION01", 10).U64(sequence).U16(count).ToArray();

    private static ulong BodySequence(byte[] message) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(message.AsSpan(1));

    [Fact]
    public void OnPacket_InOrder_DeliversEveryMessageWithItsSequence()
    {
        var sink = new RecordingSink();
        var receiver = new MoldUdp64Receiver(sink);

        receiver.OnPacket(Packet(1, 3), 0);
        receiver.OnPacket(Packet(4, 2), 0);

        Assert.Equal([1ul, 2, 3, 4, 5], sink.Sequences);
        Assert.All(sink.Messages, m => Assert.Equal(m.Sequence, BodySequence(m.Message)));
        Assert.Equal(6ul, receiver.NextExpectedSequence);
        Assert.Equal("SESSION01", receiver.Session.ToString());
    }

    [Fact]
    public void OnPacket_Duplicates_AreDroppedAndCounted()
    {
        var sink = new RecordingSink();
        var receiver = new MoldUdp64Receiver(sink);

        receiver.OnPacket(Packet(1, 3), 0);
        receiver.OnPacket(Packet(2, 3), 0);

        Assert.Equal([1ul, 2, 3, 4], sink.Sequences);
        Assert.Equal(2, receiver.Statistics.DuplicateMessages);
    }

    [Fact]
    public void OnPacket_GapWithoutRecovery_ReportsGapAndSkipsAhead()
    {
        var sink = new RecordingSink();
        var hook = new ScriptedHook(recover: false);
        var receiver = new MoldUdp64Receiver(sink, hook);

        receiver.OnPacket(Packet(1, 2), 0);
        receiver.OnPacket(Packet(6, 1), 0);

        Assert.Equal([(3ul, 3ul)], hook.Gaps);
        Assert.Equal([(3ul, 3ul)], hook.Abandoned);
        Assert.Equal([1ul, 2, 6], sink.Sequences);
        Assert.Equal(1, receiver.Statistics.Gaps);
        Assert.Equal(3, receiver.Statistics.MessagesLost);
    }

    [Fact]
    public void OnPacket_GapThenRetransmission_DeliversInOrderWithoutLoss()
    {
        var sink = new RecordingSink();
        var hook = new ScriptedHook(recover: true);
        var receiver = new MoldUdp64Receiver(sink, hook);

        receiver.OnPacket(Packet(1, 2), 0);
        receiver.OnPacket(Packet(6, 2), 0);
        receiver.OnPacket(Packet(8, 1), 0);
        Assert.True(receiver.IsRecovering);
        Assert.Equal([1ul, 2], sink.Sequences);

        // The re-request server answers with the missing messages 3..5.
        receiver.OnPacket(Packet(3, 3), 0);

        Assert.False(receiver.IsRecovering);
        Assert.Equal([1ul, 2, 3, 4, 5, 6, 7, 8], sink.Sequences);
        Assert.Equal(3, receiver.Statistics.MessagesRecovered);
        Assert.Equal(0, receiver.Statistics.MessagesLost);
        Assert.Empty(hook.Abandoned);
    }

    [Fact]
    public void OnPacket_PartialRetransmission_StaysRecoveringUntilFilled()
    {
        var sink = new RecordingSink();
        var receiver = new MoldUdp64Receiver(sink, new ScriptedHook(recover: true));

        receiver.OnPacket(Packet(1, 1), 0);
        receiver.OnPacket(Packet(5, 1), 0);
        receiver.OnPacket(Packet(2, 1), 0);
        Assert.True(receiver.IsRecovering);
        receiver.OnPacket(Packet(3, 2), 0);

        Assert.Equal([1ul, 2, 3, 4, 5], sink.Sequences);
    }

    [Fact]
    public void OnIdle_RecoveryTimesOut_AbandonsGapAndReplaysHeldPackets()
    {
        var sink = new RecordingSink();
        var hook = new ScriptedHook(recover: true);
        var receiver = new MoldUdp64Receiver(sink, hook, new MoldUdp64ReceiverOptions { RecoveryTimeout = TimeSpan.FromMilliseconds(10) });

        receiver.OnPacket(Packet(1, 1), 0);
        receiver.OnPacket(Packet(4, 1), 0);
        receiver.OnIdle(Stopwatch.Frequency / 1000);
        Assert.True(receiver.IsRecovering);
        receiver.OnIdle(Stopwatch.Frequency);

        Assert.False(receiver.IsRecovering);
        Assert.Equal([(2ul, 2ul)], hook.Abandoned);
        Assert.Equal([1ul, 4], sink.Sequences);
    }

    [Fact]
    public void OnPacket_HoldBackFull_AbandonsGapRatherThanDropLiveData()
    {
        var sink = new RecordingSink();
        var hook = new ScriptedHook(recover: true);
        var receiver = new MoldUdp64Receiver(sink, hook, new MoldUdp64ReceiverOptions { HoldBackBytes = 0 });
        receiver.OnPacket(Packet(1, 1), 0);
        receiver.OnPacket(Packet(3, 1), 0);
        for (ulong s = 4; s < 3_500; s++)
        {
            receiver.OnPacket(Packet(s, 1), 0);
        }

        Assert.NotEmpty(hook.Abandoned);
        Assert.Equal(Enumerable.Range(1, 3_499).Where(i => i != 2).Select(i => (ulong)i), sink.Sequences);
    }

    [Fact]
    public void OnPacket_HeartbeatAheadOfExpected_IsAGap()
    {
        var sink = new RecordingSink();
        var hook = new ScriptedHook(recover: false);
        var receiver = new MoldUdp64Receiver(sink, hook);

        receiver.OnPacket(Packet(1, 1), 0);
        receiver.OnPacket(Control(2, 0), 0);
        receiver.OnPacket(Control(4, 0), 0);

        Assert.Equal([(2ul, 2ul)], hook.Gaps);
        Assert.Equal(2, receiver.Statistics.Heartbeats);
    }

    [Fact]
    public void OnPacket_EndOfSession_IsReported()
    {
        var receiver = new MoldUdp64Receiver(new RecordingSink());

        receiver.OnPacket(Packet(1, 1), 0);
        receiver.OnPacket(Control(2, 0xFFFF), 0);

        Assert.True(receiver.EndOfSession);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[0])]
    public void OnPacket_ShorterThanHeader_IsMalformed(byte[] packet)
    {
        var receiver = new MoldUdp64Receiver(new RecordingSink());

        receiver.OnPacket(packet, 0);

        Assert.Equal(1, receiver.Statistics.MalformedPackets);
    }

    [Fact]
    public void OnPacket_BlockRunsPastEndOrCountMismatch_DroppedWhole()
    {
        var sink = new RecordingSink();
        var receiver = new MoldUdp64Receiver(sink);
        var good = Packet(1, 2);

        receiver.OnPacket(good[..^1], 0);
        receiver.OnPacket(new Wire().Raw(good).U8(0).ToArray(), 0);
        receiver.OnPacket(new Wire().Alpha("SESSION01", 10).U64(1).U16(3).U16(1).Char('Z').ToArray(), 0);

        Assert.Empty(sink.Messages);
        Assert.Equal(3, receiver.Statistics.MalformedPackets);
        Assert.Equal(1ul, receiver.NextExpectedSequence);
    }

    [Fact]
    public void OnPacket_OtherSession_IsIgnored()
    {
        var sink = new RecordingSink();
        var receiver = new MoldUdp64Receiver(sink, options: new MoldUdp64ReceiverOptions { Session = "SESSION01" });

        receiver.OnPacket(Packet(1, 1, "OTHER"), 0);
        receiver.OnPacket(Packet(1, 1), 0);

        Assert.Equal([1ul], sink.Sequences);
        Assert.Equal(1, receiver.Statistics.ForeignSessionPackets);
    }

    [Fact]
    public void WriteRequest_MatchesSpecLayout()
    {
        var buffer = new byte[20];

        var n = MoldUdp64.WriteRequest(buffer, MoldSession.Parse("SESSION01"), 300, 7);

        Assert.Equal(new Wire().Alpha("SESSION01", 10).U64(300).U16(7).ToArray(), buffer[..n]);
    }
}
