using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

/// <summary>Small hand-made ITCH scenarios for pipeline tests.</summary>
internal static class TestFeeds
{
    public static readonly StockSymbol Aapl = StockSymbol.Parse("AAPL");

    /// <summary>
    /// AAPL directory, a two-sided book, then bids pile up until the imbalance strategy buys the offer. Returns the
    /// length-prefixed file bytes.
    /// </summary>
    public static byte[] ImbalanceScenario()
    {
        var stream = new MemoryStream();
        using (var w = new Feed.ItchFileWriter(stream, leaveOpen: true))
        {
            var m = new byte[64];
            long ts = 34_200_000_000_000;
            w.Append(m.AsSpan(0, ItchWriter.WriteSystemEvent(m, 0, 0, ts, (byte)'O')));
            w.Append(m.AsSpan(0, ItchWriter.WriteStockDirectory(m, 1, ts, Aapl)));
            w.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, 1, ts += 1_000, 1, Side.Sell, 100, Aapl, 1_501_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, 1, ts += 1_000, 2, Side.Buy, 100, Aapl, 1_500_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, 1, ts += 1_000, 3, Side.Sell, 300, Aapl, 1_502_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, 1, ts += 1_000, 4, Side.Buy, 800, Aapl, 1_500_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, 1, ts += 1_000, 5, Side.Buy, 1_000, Aapl, 1_500_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteOrderExecuted(m, 1, ts += 1_000, 1, 100, 1)));
            w.Append(m.AsSpan(0, ItchWriter.WriteOrderReplace(m, 1, ts += 1_000, 2, 6, 100, 1_499_000)));
            w.Append(m.AsSpan(0, ItchWriter.WriteOrderCancel(m, 1, ts += 1_000, 4, 300)));
            w.Append(m.AsSpan(0, ItchWriter.WriteOrderDelete(m, 1, ts += 1_000, 5)));
            w.Append(m.AsSpan(0, ItchWriter.WriteTrade(m, 1, ts += 1_000, Side.Buy, 50, Aapl, 1_501_500, 2)));
            w.Append(new byte[] { (byte)'A', 0, 1 });
            w.Append(m.AsSpan(0, ItchWriter.WriteSystemEvent(m, 0, 0, ts, (byte)'M')));
        }

        return stream.ToArray();
    }
}
