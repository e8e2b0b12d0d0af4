using Swarm.EdgeHft.Orders;

namespace Swarm.EdgeHft.Tests;

public sealed class SoupBinTcpTests
{
    [Fact]
    public void WriteLoginRequest_MatchesSpecLayout()
    {
        var buffer = new byte[64];

        var n = SoupBinTcp.WriteLoginRequest(buffer, "USER01", "secret", "", 0);

        // Length (u16, counts type + payload), 'L', Username Alpha(6), Password Alpha(10), Session Alpha(10), Sequence Numeric(20).
        var expected = new Wire().U16(47).Char('L').Alpha("USER01", 6).Alpha("secret", 10).Alpha("", 10).Numeric(0, 20).ToArray();
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void WritePacket_UnsequencedData_PrefixesLengthAndType()
    {
        var buffer = new byte[16];

        var n = SoupBinTcp.WritePacket(buffer, SoupBinTcp.UnsequencedData, [1, 2, 3]);

        Assert.Equal(new Wire().U16(4).Char('U').U8(1).U8(2).U8(3).ToArray(), buffer[..n]);
    }

    [Fact]
    public void WriteAlpha_TooLong_Throws() =>
        Assert.Throws<ArgumentException>(() => SoupBinTcp.WriteLoginRequest(new byte[64], "TOOLONGUSER", "", "", 0));

    [Theory]
    [InlineData("                   7", true, 7ul)]
    [InlineData("12345678901234567890", true, 12345678901234567890ul)]
    [InlineData("                    ", false, 0ul)]
    [InlineData("   12x               ", false, 0ul)]
    public void TryReadNumeric_Cases(string field, bool ok, ulong value)
    {
        Assert.Equal(ok, SoupBinTcp.TryReadNumeric(System.Text.Encoding.ASCII.GetBytes(field), out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void FrameBuffer_PacketsSplitAcrossReads_AreReassembled()
    {
        var stream = new Wire().U16(2).Char('S').U8(9).U16(1).Char('H').U16(4).Char('S').U8(1).U8(2).U8(3).ToArray();
        var frames = new SoupBinTcpFrameBuffer();
        var taken = new List<(byte Type, byte[] Payload)>();

        foreach (var b in stream)
        {
            frames.Append([b]);
            while (frames.TryTake(out var frame))
            {
                taken.Add((frame.Type, frames.Payload(frame).ToArray()));
            }
        }

        Assert.Equal(3, taken.Count);
        Assert.Equal((byte)'S', taken[0].Type);
        Assert.Equal(new byte[] { 9 }, taken[0].Payload);
        Assert.Equal((byte)'H', taken[1].Type);
        Assert.Empty(taken[1].Payload);
        Assert.Equal(new byte[] { 1, 2, 3 }, taken[2].Payload);
    }

    [Fact]
    public void FrameBuffer_ZeroLength_IsCorrupt()
    {
        var frames = new SoupBinTcpFrameBuffer();
        frames.Append([0, 0, (byte)'S']);

        Assert.False(frames.TryTake(out _));
        Assert.True(frames.IsCorrupt);
    }
}
