using System.Runtime.CompilerServices;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Book;

/// <summary>
/// Builds one <see cref="OrderBook"/> per stock locate from ITCH order messages, with a single order index shared
/// by all books (ITCH order references are unique across the whole feed for the day).
/// </summary>
/// <remarks>
/// Messages that do not fit the book (an execution of an unknown order, a duplicate reference, more shares
/// executed than rest) are counted in <see cref="Inconsistencies"/> and applied as far as they make sense:
/// a book never holds negative shares or an empty level. After each message <see cref="LastChanged"/> names the
/// book it changed, or is null.
/// </remarks>
public sealed class BookBuilder : IItchMessageHandler
{
    private readonly OrderBook?[] _books = new OrderBook?[ushort.MaxValue + 1];

    // Every book's two sides by (locate << 1) | (side & 1) — see OrderBook.SideOf — so an order's side is one load
    // from the order's own fields, in parallel with the book's, instead of a chain through the book.
    private readonly BookSide?[] _sides = new BookSide?[(ushort.MaxValue + 1) * 2];
    private readonly OrderIndex _orders;
    private readonly int _initialLevels;

    // The locate of the book the last message changed, or -1: an int, not a reference, so recording it after every
    // message costs a store rather than a GC write barrier.
    private int _lastChanged = -1;

    /// <summary>Creates a builder sized for <paramref name="expectedOrders"/> live orders.</summary>
    public BookBuilder(int expectedOrders = 1 << 16, int initialLevels = 256)
    {
        _orders = new OrderIndex(expectedOrders);
        _initialLevels = initialLevels;
    }

    /// <summary>The book the last message changed, or null when it changed none.</summary>
    public OrderBook? LastChanged => _lastChanged < 0 ? null : _books[_lastChanged];

    /// <summary>Number of books created.</summary>
    public int BookCount { get; private set; }

    /// <summary>Live orders across all books.</summary>
    public int OrderCount => _orders.Count;

    /// <summary>Messages that did not fit the book state (unknown or duplicate references, over-executions).</summary>
    public long Inconsistencies { get; private set; }

    /// <summary>The last System Event code seen (0 before any).</summary>
    public byte LastSystemEvent { get; private set; }

    /// <summary>The book for <paramref name="stockLocate"/>, or null when none exists yet.</summary>
    public OrderBook? this[ushort stockLocate] => _books[stockLocate];

    /// <summary>The live order with <paramref name="reference"/>, if any.</summary>
    public bool TryGetOrder(ulong reference, out RestingOrder order)
    {
        ref var found = ref _orders.Find(reference);
        if (Unsafe.IsNullRef(ref found))
        {
            order = default;
            return false;
        }

        order = found;
        return true;
    }

    /// <summary>Every book created, in locate order (not for the hot path).</summary>
    public IEnumerable<OrderBook> Books => _books.Where(b => b is not null)!;

    /// <summary>Every live order (not for the hot path).</summary>
    public IReadOnlyList<RestingOrder> SnapshotOrders()
    {
        var list = new List<RestingOrder>(_orders.Count);
        _orders.ForEach(list.Add);
        return list;
    }

    /// <summary>Creates the book for a locate ahead of the feed (e.g. from a symbol list), so no allocation happens later.</summary>
    public OrderBook GetOrCreate(ushort stockLocate, StockSymbol symbol)
    {
        var book = _books[stockLocate];
        if (book is null)
        {
            book = new OrderBook(stockLocate, symbol, _initialLevels);
            _books[stockLocate] = book;
            _sides[stockLocate << 1] = book.Bids;
            _sides[(stockLocate << 1) | 1] = book.Asks;
            BookCount++;
        }
        else if (book.Symbol.IsEmpty)
        {
            book.Symbol = symbol;
        }

        return book;
    }

    /// <inheritdoc />
    public void OnSystemEvent(in SystemEventMessage message)
    {
        LastSystemEvent = message.EventCode;
        _lastChanged = -1;
    }

    /// <inheritdoc />
    public void OnStockDirectory(in StockDirectoryMessage message)
    {
        GetOrCreate(message.Header.StockLocate, message.Stock);
        _lastChanged = -1;
    }

    /// <inheritdoc />
    public void OnAddOrder(in AddOrderMessage message)
    {
        var book = GetOrCreate(message.Header.StockLocate, message.Stock);
        if (!_orders.TryAdd(new RestingOrder(message.OrderReference, message.Header.StockLocate, message.Side, message.Price, message.Shares)))
        {
            Inconsistencies++;
            _lastChanged = -1;
            return;
        }

        SideOf(message.Header.StockLocate, message.Side).Add(message.Price, message.Shares);
        book.OrderCount++;
        Touch(book, message.Header.Timestamp);
    }

    /// <inheritdoc />
    public void OnOrderExecuted(in OrderExecutedMessage message)
    {
        var book = Reduce(message.OrderReference, message.ExecutedShares, message.Header.Timestamp, out var price);
        if (book is not null && message.Printable == (byte)'Y')
        {
            book.LastTradePrice = message.HasExecutionPrice ? message.ExecutionPrice : price;
        }
    }

    /// <inheritdoc />
    public void OnOrderCancel(in OrderCancelMessage message) =>
        Reduce(message.OrderReference, message.CancelledShares, message.Header.Timestamp, out _);

    /// <inheritdoc />
    public void OnOrderDelete(in OrderDeleteMessage message) =>
        Reduce(message.OrderReference, uint.MaxValue, message.Header.Timestamp, out _);

    /// <inheritdoc />
    public void OnOrderReplace(in OrderReplaceMessage message)
    {
        var slot = _orders.IndexOf(message.OriginalOrderReference);
        if (slot < 0)
        {
            Inconsistencies++;
            _lastChanged = -1;
            return;
        }

        var original = _orders.At(slot);
        var replacement = new RestingOrder(message.NewOrderReference, original.StockLocate, original.Side, message.Price, message.Shares);
        var book = _books[original.StockLocate]!;
        var side = SideOf(original.StockLocate, original.Side);
        side.Reduce(original.Price, original.Shares, orderLeaves: true);
        _orders.RemoveAt(slot);
        if (_orders.TryAdd(replacement))
        {
            side.Add(replacement.Price, replacement.Shares);
        }
        else
        {
            Inconsistencies++;
            book.OrderCount--;
        }

        Touch(book, message.Header.Timestamp);
    }

    /// <inheritdoc />
    public void OnTrade(in TradeMessage message)
    {
        // Trades against non-displayed orders never change the displayed book; only the reference price moves.
        var book = GetOrCreate(message.Header.StockLocate, message.Stock);
        book.LastTradePrice = message.Price;
        _lastChanged = -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private OrderBook? Reduce(ulong reference, uint shares, long timestamp, out uint price)
    {
        var slot = _orders.IndexOf(reference);
        if (slot < 0)
        {
            Inconsistencies++;
            _lastChanged = -1;
            price = 0;
            return null;
        }

        ref var order = ref _orders.At(slot);
        price = order.Price;
        if (shares > order.Shares)
        {
            // A delete passes uint.MaxValue on purpose; a cancel or execution larger than the order is a feed inconsistency.
            if (shares != uint.MaxValue)
            {
                Inconsistencies++;
            }

            shares = order.Shares;
        }

        var remaining = order.Shares - shares;
        var book = _books[order.StockLocate]!;
        SideOf(order.StockLocate, order.Side).Reduce(order.Price, shares, orderLeaves: remaining == 0);
        if (remaining == 0)
        {
            _orders.RemoveAt(slot);
            book.OrderCount--;
        }
        else
        {
            order = order with { Shares = remaining };
        }

        Touch(book, timestamp);
        return book;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookSide SideOf(ushort stockLocate, Side side) => _sides[(stockLocate << 1) | ((int)side & 1)]!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(OrderBook book, long timestamp)
    {
        book.LastUpdateTimestamp = timestamp;
        _lastChanged = book.StockLocate;
    }
}
