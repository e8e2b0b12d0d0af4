using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

public sealed class ItchParserTests
{
    // 09:30:00.000000123 after midnight, in nanoseconds: needs all 6 timestamp bytes.
    private const long Ts = 34_200_000_000_123;

    private static readonly StockSymbol Aapl = StockSymbol.Parse("AAPL");

    private static Wire Header(char type, ushort locate = 7, ushort tracking = 3) =>
        new Wire().Char(type).U16(locate).U16(tracking).U48(Ts);

    private static (ItchParseResult Result, RecordingItchHandler Handler, ItchParser Parser) Parse(byte[] bytes)
    {
        var parser = new ItchParser();
        var handler = new RecordingItchHandler();
        var result = parser.Parse(bytes, handler);
        return (result, handler, parser);
    }

    [Fact]
    public void Parse_SystemEvent_DecodesEveryField()
    {
        var bytes = Header('S', locate: 0, tracking: 0).Char('O').ToArray();
        Assert.Equal(12, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        var m = Assert.IsType<SystemEventMessage>(Assert.Single(handler.Messages));
        Assert.Equal(new ItchMessageHeader((byte)'S', 0, 0, Ts), m.Header);
        Assert.Equal((byte)'O', m.EventCode);
    }

    [Fact]
    public void Parse_StockDirectory_DecodesEveryField()
    {
        var bytes = Header('R', locate: 13).Alpha("AAPL", 8).Char('Q').Char('N').U32(100).Char('N').Char('C')
            .Alpha("Z", 2).Char('P').Char('N').Char('N').Char('1').Char('N').U32(2).Char('N').ToArray();
        Assert.Equal(39, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        var m = Assert.IsType<StockDirectoryMessage>(Assert.Single(handler.Messages));
        Assert.Equal(13, m.Header.StockLocate);
        Assert.Equal(Aapl, m.Stock);
        Assert.Equal("AAPL", m.Stock.ToString());
        Assert.Equal((byte)'Q', m.MarketCategory);
        Assert.Equal((byte)'N', m.FinancialStatusIndicator);
        Assert.Equal(100u, m.RoundLotSize);
        Assert.Equal((byte)'N', m.RoundLotsOnly);
        Assert.Equal((byte)'C', m.IssueClassification);
        Assert.Equal(('Z' << 8) | ' ', m.IssueSubType);
        Assert.Equal((byte)'P', m.Authenticity);
        Assert.Equal((byte)'N', m.ShortSaleThresholdIndicator);
        Assert.Equal((byte)'N', m.IpoFlag);
        Assert.Equal((byte)'1', m.LuldReferencePriceTier);
        Assert.Equal((byte)'N', m.EtpFlag);
        Assert.Equal(2u, m.EtpLeverageFactor);
        Assert.Equal((byte)'N', m.InverseIndicator);
    }

    [Fact]
    public void Parse_AddOrder_DecodesEveryField()
    {
        var bytes = Header('A').U64(0x0102030405060708).Char('B').U32(300).Alpha("AAPL", 8).U32(1_501_234).ToArray();
        Assert.Equal(36, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        Assert.Equal(
            new AddOrderMessage(new ItchMessageHeader((byte)'A', 7, 3, Ts), 0x0102030405060708, Side.Buy, 300, Aapl, 1_501_234, 0),
            Assert.Single(handler.Messages));
    }

    [Fact]
    public void Parse_AddOrderWithAttribution_DecodesMpid()
    {
        var bytes = Header('F').U64(42).Char('S').U32(100).Alpha("MSFT", 8).U32(4_200_000).Alpha("GSCO", 4).ToArray();
        Assert.Equal(40, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        var m = Assert.IsType<AddOrderMessage>(Assert.Single(handler.Messages));
        Assert.Equal(Side.Sell, m.Side);
        Assert.Equal(StockSymbol.Parse("MSFT"), m.Stock);
        Assert.Equal(4_200_000u, m.Price);
        Assert.Equal(((uint)'G' << 24) | ((uint)'S' << 16) | ((uint)'C' << 8) | 'O', m.Attribution);
    }

    [Fact]
    public void Parse_OrderExecuted_DecodesEveryField()
    {
        var bytes = Header('E').U64(42).U32(25).U64(987_654_321).ToArray();
        Assert.Equal(31, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        var m = Assert.IsType<OrderExecutedMessage>(Assert.Single(handler.Messages));
        Assert.Equal(42ul, m.OrderReference);
        Assert.Equal(25u, m.ExecutedShares);
        Assert.Equal(987_654_321ul, m.MatchNumber);
        Assert.False(m.HasExecutionPrice);
    }

    [Fact]
    public void Parse_OrderExecutedWithPrice_DecodesPrintableAndPrice()
    {
        var bytes = Header('C').U64(42).U32(25).U64(99).Char('N').U32(1_499_900).ToArray();
        Assert.Equal(36, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        var m = Assert.IsType<OrderExecutedMessage>(Assert.Single(handler.Messages));
        Assert.True(m.HasExecutionPrice);
        Assert.Equal((byte)'N', m.Printable);
        Assert.Equal(1_499_900u, m.ExecutionPrice);
        Assert.Equal(99ul, m.MatchNumber);
    }

    [Fact]
    public void Parse_OrderCancel_DecodesEveryField()
    {
        var bytes = Header('X').U64(42).U32(10).ToArray();
        Assert.Equal(23, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        Assert.Equal(new OrderCancelMessage(new ItchMessageHeader((byte)'X', 7, 3, Ts), 42, 10), Assert.Single(handler.Messages));
    }

    [Fact]
    public void Parse_OrderDelete_DecodesEveryField()
    {
        var bytes = Header('D').U64(ulong.MaxValue - 1).ToArray();
        Assert.Equal(19, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        Assert.Equal(new OrderDeleteMessage(new ItchMessageHeader((byte)'D', 7, 3, Ts), ulong.MaxValue - 1), Assert.Single(handler.Messages));
    }

    [Fact]
    public void Parse_OrderReplace_DecodesEveryField()
    {
        var bytes = Header('U').U64(42).U64(43).U32(200).U32(1_500_100).ToArray();
        Assert.Equal(35, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        Assert.Equal(new OrderReplaceMessage(new ItchMessageHeader((byte)'U', 7, 3, Ts), 42, 43, 200, 1_500_100), Assert.Single(handler.Messages));
    }

    [Fact]
    public void Parse_Trade_DecodesEveryField()
    {
        var bytes = Header('P').U64(0).Char('B').U32(500).Alpha("AAPL", 8).U32(uint.MaxValue).U64(77).ToArray();
        Assert.Equal(44, bytes.Length);

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Parsed, result);
        Assert.Equal(new TradeMessage(new ItchMessageHeader((byte)'P', 7, 3, Ts), 0, Side.Buy, 500, Aapl, uint.MaxValue, 77), Assert.Single(handler.Messages));
    }

    [Fact]
    public void Parse_MaximumTimestamp_UsesAllSixBytes()
    {
        var bytes = new Wire().Char('D').U16(1).U16(0).U48(0xFFFF_FFFF_FFFF).U64(1).ToArray();

        var (_, handler, _) = Parse(bytes);

        Assert.Equal(0xFFFF_FFFF_FFFFL, Assert.IsType<OrderDeleteMessage>(Assert.Single(handler.Messages)).Header.Timestamp);
    }

    public static TheoryData<char, int> FixedLengths => new()
    {
        { 'S', 12 }, { 'R', 39 }, { 'A', 36 }, { 'F', 40 }, { 'E', 31 }, { 'C', 36 }, { 'X', 23 }, { 'D', 19 }, { 'U', 35 }, { 'P', 44 },
    };

    [Theory]
    [MemberData(nameof(FixedLengths))]
    public void Parse_EveryTruncation_CountedAndSkipped(char type, int length)
    {
        var parser = new ItchParser();
        var handler = new RecordingItchHandler();
        var full = Header(type).ToArray().Concat(Enumerable.Repeat((byte)'B', length - 11)).ToArray();

        for (var cut = 1; cut < length; cut++)
        {
            Assert.Equal(ItchParseResult.Truncated, parser.Parse(full.AsSpan(0, cut), handler));
        }

        Assert.Empty(handler.Messages);
        Assert.Equal(length - 1, parser.Statistics.Truncated);
        Assert.Equal(ItchParseResult.Parsed, parser.Parse(full, handler));
    }

    [Theory]
    [MemberData(nameof(FixedLengths))]
    public void Parse_OneByteTooLong_CountedAsMalformed(char type, int length)
    {
        var bytes = Header(type).ToArray().Concat(Enumerable.Repeat((byte)'S', length - 10)).ToArray();

        var (result, handler, parser) = Parse(bytes);

        Assert.Equal(ItchParseResult.Malformed, result);
        Assert.Empty(handler.Messages);
        Assert.Equal(1, parser.Statistics.Malformed);
    }

    [Theory]
    [InlineData('A')]
    [InlineData('F')]
    [InlineData('P')]
    public void Parse_InvalidSide_CountedAsMalformed(char type)
    {
        var length = type switch { 'A' => 36, 'F' => 40, _ => 44 };
        var bytes = Header(type).U64(1).Char('Q').ToArray().Concat(new byte[length - 20]).ToArray();

        var (result, handler, _) = Parse(bytes);

        Assert.Equal(ItchParseResult.Malformed, result);
        Assert.Empty(handler.Messages);
    }

    [Theory]
    [InlineData('H', 25)]
    [InlineData('Y', 20)]
    [InlineData('I', 50)]
    [InlineData('Q', 40)]
    [InlineData('\0', 1)]
    public void Parse_UndecodedType_CountedAsUnsupported(char type, int length)
    {
        var bytes = new byte[length];
        bytes[0] = (byte)type;

        var (result, handler, parser) = Parse(bytes);

        Assert.Equal(ItchParseResult.Unsupported, result);
        Assert.Empty(handler.Messages);
        Assert.Equal(1, parser.Statistics.Unsupported);
    }

    [Fact]
    public void Parse_Empty_CountedAsEmpty()
    {
        var (result, _, parser) = Parse([]);

        Assert.Equal(ItchParseResult.Empty, result);
        Assert.Equal(1, parser.Statistics.Empty);
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(1234);
        var parser = new ItchParser();
        var handler = new RecordingItchHandler();
        var buffer = new byte[64];
        const string types = "SRAFECXDUPHY";

        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)types[random.Next(types.Length)];
            parser.Parse(buffer.AsSpan(0, random.Next(0, buffer.Length)), handler);
        }

        Assert.Equal(20_000, parser.Statistics.Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TOOLONGSYM")]
    [InlineData("A B")]
    [InlineData("ÄPPL")]
    public void StockSymbolTryParse_InvalidText_ReturnsFalse(string text) =>
        Assert.False(StockSymbol.TryParse(text, out _));
}
