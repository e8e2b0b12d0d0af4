namespace Swarm.EdgeHft.Itch;

/// <summary>
/// ITCH 5.0 Trade, non-cross (<c>'P'</c>, 44 bytes, section 4.5.1): an execution against a non-displayed order.
/// It never changes the displayed book.
/// </summary>
/// <param name="Header">Common header.</param>
/// <param name="OrderReference">The non-displayed order (NASDAQ sends 0).</param>
/// <param name="Side">Side of the non-displayed order.</param>
/// <param name="Shares">Shares traded.</param>
/// <param name="Stock">Symbol.</param>
/// <param name="Price">Trade price, 4 implied decimals.</param>
/// <param name="MatchNumber">Day-unique match number.</param>
public readonly record struct TradeMessage(
    ItchMessageHeader Header,
    ulong OrderReference,
    Side Side,
    uint Shares,
    StockSymbol Stock,
    uint Price,
    ulong MatchNumber);
