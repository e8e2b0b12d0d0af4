using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Orders;

namespace Swarm.EdgeHft.Strategy;

/// <summary>
/// Example strategy: when the top of book leans heavily to one side, take the thin side with an immediate-or-cancel
/// order (buy the offer when bids dominate, sell the bid when offers dominate), at most once per cooldown per symbol.
/// </summary>
/// <remarks>Decisions depend only on the book and feed time, so a replay yields the same orders every time.</remarks>
public sealed class ImbalanceStrategy : IStrategy
{
    private readonly ImbalanceStrategyOptions _options;
    private readonly HashSet<ulong> _symbols;
    private readonly long[] _lastOrder = new long[ushort.MaxValue + 1];

    /// <summary>Creates the strategy.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ImbalanceStrategy(ImbalanceStrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threshold is <= 0 or > 1 || options.Shares == 0 || options.CooldownNanos < 0)
        {
            throw new ArgumentException("threshold must be in (0, 1], shares positive and cooldown non-negative.", nameof(options));
        }

        _options = options;
        _symbols = [.. options.Symbols.Select(s => StockSymbol.Parse(s).Value)];
        Array.Fill(_lastOrder, long.MinValue);
    }

    /// <inheritdoc />
    public string Name => "imbalance";

    /// <inheritdoc />
    public bool OnBookUpdate(OrderBook book, out OrderIntent intent)
    {
        intent = default;
        if (_symbols.Count > 0 && !_symbols.Contains(book.Symbol.Value))
        {
            return false;
        }

        var bid = book.BestBid;
        var ask = book.BestAsk;
        var total = bid.Shares + ask.Shares;
        if (bid.IsEmpty || ask.IsEmpty || total < _options.MinimumTopSize || bid.Price >= ask.Price)
        {
            return false;
        }

        var now = book.LastUpdateTimestamp;
        if (_lastOrder[book.StockLocate] != long.MinValue && now - _lastOrder[book.StockLocate] < _options.CooldownNanos)
        {
            return false;
        }

        var imbalance = (double)(bid.Shares - ask.Shares) / total;
        if (imbalance >= _options.Threshold)
        {
            intent = new OrderIntent(Side.Buy, ask.Price, _options.Shares, OuchEnterOrder.ImmediateOrCancel);
        }
        else if (imbalance <= -_options.Threshold)
        {
            intent = new OrderIntent(Side.Sell, bid.Price, _options.Shares, OuchEnterOrder.ImmediateOrCancel);
        }
        else
        {
            return false;
        }

        _lastOrder[book.StockLocate] = now;
        return true;
    }
}
