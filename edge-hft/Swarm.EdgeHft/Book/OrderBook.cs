using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Book;

/// <summary>The displayed limit order book of one security: two sorted sides plus the last printed trade.</summary>
public sealed class OrderBook
{
    // Bids at 0, asks at 1: 'B' (0x42) is even and 'S' (0x53) odd, so the low bit of the side picks its book side
    // without a branch (the side of a feed message is as good as random, so a branch would mispredict half the time).
    private readonly BookSide[] _sides;

    /// <summary>Creates an empty book.</summary>
    public OrderBook(ushort stockLocate, StockSymbol symbol, int initialLevels = 256)
    {
        StockLocate = stockLocate;
        Symbol = symbol;
        Bids = new BookSide(Side.Buy, initialLevels);
        Asks = new BookSide(Side.Sell, initialLevels);
        _sides = [Bids, Asks];
    }

    /// <summary>ITCH locate code of the security.</summary>
    public ushort StockLocate { get; }

    /// <summary>Symbol (from the Stock Directory or the first Add Order).</summary>
    public StockSymbol Symbol { get; internal set; }

    /// <summary>Buy side.</summary>
    public BookSide Bids { get; }

    /// <summary>Sell side.</summary>
    public BookSide Asks { get; }

    /// <summary>Best bid (empty level when there is none).</summary>
    public PriceLevel BestBid => Bids.Best;

    /// <summary>Best offer (empty level when there is none).</summary>
    public PriceLevel BestAsk => Asks.Best;

    /// <summary>Price of the last printable execution or trade, 4 implied decimals; 0 before the first.</summary>
    public uint LastTradePrice { get; internal set; }

    /// <summary>Feed timestamp (ns since midnight) of the last message that changed this book.</summary>
    public long LastUpdateTimestamp { get; internal set; }

    /// <summary>Number of resting orders on both sides.</summary>
    public int OrderCount { get; internal set; }

    /// <summary>The side for <paramref name="side"/>.</summary>
    public BookSide SideOf(Side side) => _sides[(int)side & 1];

    /// <summary>
    /// The reference price for price collars: the mid when both sides are present, else the last trade, else the
    /// one side present; 0 when the book has never had a price.
    /// </summary>
    public uint ReferencePrice
    {
        get
        {
            var bid = Bids.Best;
            var ask = Asks.Best;
            if (!bid.IsEmpty && !ask.IsEmpty)
            {
                return (uint)(((ulong)bid.Price + ask.Price) / 2);
            }

            if (LastTradePrice != 0)
            {
                return LastTradePrice;
            }

            return !bid.IsEmpty ? bid.Price : ask.Price;
        }
    }

    /// <summary>Copies a depth snapshot, best first on each side; returns the counts written.</summary>
    public (int Bids, int Asks) CopyDepth(Span<PriceLevel> bids, Span<PriceLevel> asks) => (Bids.CopyTo(bids), Asks.CopyTo(asks));
}
