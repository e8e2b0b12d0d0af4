using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

public sealed class OrderBookTests
{
    private static readonly StockSymbol Aapl = StockSymbol.Parse("AAPL");

    private static void Add(BookBuilder b, ulong reference, Side side, uint shares, uint price) =>
        b.OnAddOrder(new AddOrderMessage(new ItchMessageHeader((byte)'A', 1, 0, 1), reference, side, shares, Aapl, price, 0));

    [Fact]
    public void AddOrder_TwoSides_SetsBestBidAndOffer()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Buy, 100, 1_000_000);
        Add(b, 2, Side.Buy, 200, 1_010_000);
        Add(b, 3, Side.Sell, 300, 1_020_000);
        Add(b, 4, Side.Sell, 50, 1_030_000);
        Add(b, 5, Side.Buy, 10, 1_010_000);

        var book = b[1]!;
        Assert.Equal(new PriceLevel(1_010_000, 210, 2), book.BestBid);
        Assert.Equal(new PriceLevel(1_020_000, 300, 1), book.BestAsk);
        Assert.Equal(1_015_000u, book.ReferencePrice);
        Assert.Equal(5, book.OrderCount);
        Assert.Same(book, b.LastChanged);

        var bids = new PriceLevel[4];
        var asks = new PriceLevel[4];
        var (nb, na) = book.CopyDepth(bids, asks);
        Assert.Equal(2, nb);
        Assert.Equal(2, na);
        Assert.Equal(new PriceLevel(1_000_000, 100, 1), bids[1]);
        Assert.Equal(new PriceLevel(1_030_000, 50, 1), asks[1]);
    }

    [Fact]
    public void OrderExecuted_FullSize_RemovesOrderAndLevelAndSetsLastTrade()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Sell, 100, 1_000_000);
        b.OnOrderExecuted(new OrderExecutedMessage(new ItchMessageHeader((byte)'E', 1, 0, 2), 1, 100, 9, (byte)'Y', 0));

        var book = b[1]!;
        Assert.True(book.BestAsk.IsEmpty);
        Assert.Equal(0, b.OrderCount);
        Assert.Equal(1_000_000u, book.LastTradePrice);
    }

    [Fact]
    public void OrderExecutedWithPrice_Partial_KeepsOrderAndUsesExecutionPrice()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Sell, 100, 1_000_000);
        b.OnOrderExecuted(new OrderExecutedMessage(new ItchMessageHeader((byte)'C', 1, 0, 2), 1, 40, 9, (byte)'Y', 999_900));

        Assert.Equal(new PriceLevel(1_000_000, 60, 1), b[1]!.BestAsk);
        Assert.Equal(999_900u, b[1]!.LastTradePrice);
        Assert.True(b.TryGetOrder(1, out var order));
        Assert.Equal(60u, order.Shares);
    }

    [Fact]
    public void OrderCancelAndDelete_ReduceThenRemove()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Buy, 100, 1_000_000);
        Add(b, 2, Side.Buy, 100, 1_000_000);
        b.OnOrderCancel(new OrderCancelMessage(new ItchMessageHeader((byte)'X', 1, 0, 2), 1, 30));
        Assert.Equal(new PriceLevel(1_000_000, 170, 2), b[1]!.BestBid);

        b.OnOrderDelete(new OrderDeleteMessage(new ItchMessageHeader((byte)'D', 1, 0, 3), 1));
        Assert.Equal(new PriceLevel(1_000_000, 100, 1), b[1]!.BestBid);
        Assert.False(b.TryGetOrder(1, out _));
    }

    [Fact]
    public void OrderReplace_MovesOrderToNewReferencePriceAndSize()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Buy, 100, 1_000_000);
        b.OnOrderReplace(new OrderReplaceMessage(new ItchMessageHeader((byte)'U', 1, 0, 2), 1, 7, 250, 1_005_000));

        Assert.Equal(new PriceLevel(1_005_000, 250, 1), b[1]!.BestBid);
        Assert.Equal(1, b[1]!.Bids.LevelCount);
        Assert.False(b.TryGetOrder(1, out _));
        Assert.True(b.TryGetOrder(7, out var replaced));
        Assert.Equal(Side.Buy, replaced.Side);
    }

    [Fact]
    public void UnknownReferences_AreCountedAndChangeNothing()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Buy, 100, 1_000_000);
        b.OnOrderDelete(new OrderDeleteMessage(new ItchMessageHeader((byte)'D', 1, 0, 2), 99));
        b.OnOrderCancel(new OrderCancelMessage(new ItchMessageHeader((byte)'X', 1, 0, 2), 99, 1));
        b.OnOrderReplace(new OrderReplaceMessage(new ItchMessageHeader((byte)'U', 1, 0, 2), 99, 100, 1, 1));
        Add(b, 1, Side.Sell, 5, 2_000_000);

        Assert.Equal(4, b.Inconsistencies);
        Assert.Null(b.LastChanged);
        Assert.Equal(new PriceLevel(1_000_000, 100, 1), b[1]!.BestBid);
        Assert.True(b[1]!.BestAsk.IsEmpty);
    }

    [Fact]
    public void OrderCancel_MoreThanResting_ClampsAndCounts()
    {
        var b = new BookBuilder();
        Add(b, 1, Side.Buy, 100, 1_000_000);
        b.OnOrderCancel(new OrderCancelMessage(new ItchMessageHeader((byte)'X', 1, 0, 2), 1, 500));

        Assert.True(b[1]!.BestBid.IsEmpty);
        Assert.Equal(1, b.Inconsistencies);
    }

    [Fact]
    public void OrderIndex_ManyAddsAndRemoves_KeepsEveryLiveOrderFindable()
    {
        var index = new OrderIndex(8);
        var live = new HashSet<ulong>();
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            var reference = (ulong)random.Next(1, 5_000);
            if (live.Contains(reference))
            {
                Assert.True(index.Remove(reference));
                live.Remove(reference);
            }
            else
            {
                Assert.True(index.TryAdd(new RestingOrder(reference, 1, Side.Buy, 1, 1)));
                live.Add(reference);
            }
        }

        Assert.Equal(live.Count, index.Count);
        foreach (var reference in live)
        {
            Assert.Equal(reference, index.Find(reference).Reference);
        }
    }
}
