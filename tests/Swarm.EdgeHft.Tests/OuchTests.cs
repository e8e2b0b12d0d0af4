using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Orders;

namespace Swarm.EdgeHft.Tests;

public sealed class OuchTests
{
    private static readonly StockSymbol Aapl = StockSymbol.Parse("AAPL");
    private const uint Gsco = ((uint)'G' << 24) | ((uint)'S' << 16) | ((uint)'C' << 8) | 'O';

    [Fact]
    public void WriteEnterOrder_MatchesSpecLayout()
    {
        var buffer = new byte[64];
        var order = new OuchEnterOrder(123, Side.Buy, 300, Aapl, 1_501_234, OuchEnterOrder.ImmediateOrCancel, Gsco, (byte)'Y', (byte)'P', (byte)'N', 0, (byte)'N', (byte)'R');

        var n = OuchWriter.WriteEnterOrder(buffer, order);

        // Type, Token Alpha(14), Buy/Sell, Shares, Stock Alpha(8), Price, TIF, Firm Alpha(4), Display, Capacity, ISE, MinQty, Cross Type, Customer Type.
        var expected = new Wire().Char('O').Alpha("00000000000123", 14).Char('B').U32(300).Alpha("AAPL", 8).U32(1_501_234)
            .U32(0).Alpha("GSCO", 4).Char('Y').Char('P').Char('N').U32(0).Char('N').Char('R').ToArray();
        Assert.Equal(49, expected.Length);
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void WriteReplaceOrder_MatchesSpecLayout()
    {
        var buffer = new byte[64];

        var n = OuchWriter.WriteReplaceOrder(buffer, 123, 124, 200, 1_500_000, 99_998);

        var expected = new Wire().Char('U').Alpha("00000000000123", 14).Alpha("00000000000124", 14).U32(200).U32(1_500_000)
            .U32(99_998).Char('Y').Char('N').U32(0).ToArray();
        Assert.Equal(47, expected.Length);
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void WriteCancelOrder_MatchesSpecLayout()
    {
        var buffer = new byte[64];

        var n = OuchWriter.WriteCancelOrder(buffer, 99_999_999_999_999, 0);

        var expected = new Wire().Char('X').Alpha("99999999999999", 14).U32(0).ToArray();
        Assert.Equal(19, expected.Length);
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void OuchTokenWrite_TooLarge_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OuchToken.Write(new byte[14], OuchToken.MaxValue + 1));

    [Fact]
    public void TryReadEvent_Accepted_DecodesSpecLayout()
    {
        var bytes = new Wire().Char('A').U64(34_200_000_000_000).Alpha("00000000000123", 14).Char('S').U32(300).Alpha("AAPL", 8)
            .U32(1_501_234).U32(0).Alpha("GSCO", 4).Char('Y').U64(777).Char('P').Char('N').U32(0).Char('N').Char('L').Char(' ').ToArray();
        Assert.Equal(66, bytes.Length);

        Assert.True(OuchReader.TryReadEvent(bytes, out var e));

        Assert.Equal(new OuchEvent(OuchEventType.Accepted, 34_200_000_000_000, 123, 0, Side.Sell, 300, Aapl, 1_501_234, 777, 0, (byte)'L'), e);
    }

    [Fact]
    public void TryReadEvent_Replaced_DecodesPreviousToken()
    {
        var bytes = new Wire().Char('U').U64(1).Alpha("00000000000124", 14).Char('B').U32(10).Alpha("AAPL", 8)
            .U32(5).U32(0).Alpha("GSCO", 4).Char('Y').U64(8).Char('P').Char('N').U32(0).Char('N').Char('L').Alpha("00000000000123", 14).Char(' ').ToArray();
        Assert.Equal(80, bytes.Length);

        Assert.True(OuchReader.TryReadEvent(bytes, out var e));

        Assert.Equal(OuchEventType.Replaced, e.Type);
        Assert.Equal(124ul, e.Token);
        Assert.Equal(123ul, e.PreviousToken);
        Assert.Equal(8ul, e.OrderReference);
    }

    [Fact]
    public void TryReadEvent_Executed_DecodesSpecLayout()
    {
        var bytes = new Wire().Char('E').U64(5).Alpha("00000000000123", 14).U32(100).U32(1_500_000).Char('R').U64(4242).ToArray();
        Assert.Equal(40, bytes.Length);

        Assert.True(OuchReader.TryReadEvent(bytes, out var e));

        Assert.Equal(new OuchEvent(OuchEventType.Executed, 5, 123, 0, default, 100, default, 1_500_000, 0, 4242, (byte)'R'), e);
    }

    [Fact]
    public void TryReadEvent_CanceledAndRejected_DecodeReason()
    {
        var canceled = new Wire().Char('C').U64(5).Alpha("00000000000123", 14).U32(40).Char('I').ToArray();
        var rejected = new Wire().Char('J').U64(5).Alpha("00000000000124", 14).Char('H').ToArray();
        Assert.Equal(28, canceled.Length);
        Assert.Equal(24, rejected.Length);

        Assert.True(OuchReader.TryReadEvent(canceled, out var c));
        Assert.True(OuchReader.TryReadEvent(rejected, out var j));

        Assert.Equal((OuchEventType.Canceled, 123ul, 40u, (byte)'I'), (c.Type, c.Token, c.Shares, c.Code));
        Assert.Equal((OuchEventType.Rejected, 124ul, (byte)'H'), (j.Type, j.Token, j.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("E0000000000000000000000000000000000000000")]
    [InlineData("Q123")]
    public void TryReadEvent_WrongLengthOrType_ReturnsFalse(string text) =>
        Assert.False(OuchReader.TryReadEvent(System.Text.Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void TryReadEvent_NonNumericToken_ReturnsFalse()
    {
        var bytes = new Wire().Char('J').U64(5).Alpha("ABC", 14).Char('H').ToArray();

        Assert.False(OuchReader.TryReadEvent(bytes, out _));
    }

    [Fact]
    public void TryReadInbound_EnterOrderFromHandBuiltBytes_Decodes()
    {
        var bytes = new Wire().Char('O').Alpha("00000000000009", 14).Char('S').U32(5).Alpha("MSFT", 8).U32(42).U32(99_998).Alpha("GSCO", 4)
            .Char('Y').Char('A').Char('N').U32(0).Char('N').Char(' ').ToArray();

        Assert.True(OuchReader.TryReadInbound(bytes, out var m));

        Assert.Equal(new OuchInboundMessage((byte)'O', 9, 0, Side.Sell, 5, StockSymbol.Parse("MSFT"), 42, 99_998, Gsco), m);
    }
}
