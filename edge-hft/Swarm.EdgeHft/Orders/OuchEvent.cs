using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Orders;

/// <summary>One decoded outbound OUCH message; fields a type does not carry are 0.</summary>
/// <param name="Type">Message type.</param>
/// <param name="Timestamp">Exchange timestamp, nanoseconds since midnight.</param>
/// <param name="Token">Order id (the replacement's for Replaced).</param>
/// <param name="PreviousToken">For Replaced: the id of the order replaced.</param>
/// <param name="Side">For Accepted/Replaced.</param>
/// <param name="Shares">Accepted/Replaced: open shares; Executed: executed shares; Canceled: decrement shares.</param>
/// <param name="Stock">For Accepted/Replaced.</param>
/// <param name="Price">Accepted/Replaced: limit price; Executed: execution price.</param>
/// <param name="OrderReference">Accepted/Replaced: exchange order reference number.</param>
/// <param name="MatchNumber">Executed: match number.</param>
/// <param name="Code">Canceled/Rejected: reason; Executed: liquidity flag; Accepted/Replaced: order state; System Event: event code.</param>
public readonly record struct OuchEvent(
    OuchEventType Type,
    long Timestamp,
    ulong Token,
    ulong PreviousToken,
    Side Side,
    uint Shares,
    StockSymbol Stock,
    uint Price,
    ulong OrderReference,
    ulong MatchNumber,
    byte Code);
