using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Orders;

/// <summary>A decoded inbound (firm → exchange) OUCH message, as the exchange simulator reads it.</summary>
/// <param name="Type"><c>'O'</c> enter, <c>'U'</c> replace, <c>'X'</c> cancel.</param>
/// <param name="Token">Order id (enter, cancel) or existing order id (replace).</param>
/// <param name="ReplacementToken">Replace: the new order id.</param>
/// <param name="Side">Enter: side.</param>
/// <param name="Shares">Enter/replace: shares; cancel: the shares to leave open (0 = cancel all).</param>
/// <param name="Stock">Enter: symbol.</param>
/// <param name="Price">Enter/replace: price.</param>
/// <param name="TimeInForce">Enter/replace: time in force.</param>
/// <param name="Firm">Enter: firm.</param>
public readonly record struct OuchInboundMessage(
    byte Type,
    ulong Token,
    ulong ReplacementToken,
    Side Side,
    uint Shares,
    StockSymbol Stock,
    uint Price,
    uint TimeInForce,
    uint Firm);
