using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Risk;

/// <summary>An order as pre-trade risk sees it, before it may leave the firm.</summary>
/// <param name="Account">Index of the trading account (0-based, as configured).</param>
/// <param name="Token">The firm's order identifier (also the OUCH order token).</param>
/// <param name="Symbol">Security.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="Shares">Quantity.</param>
/// <param name="ReferencePrice">Reference price for the collar (mid or last trade), 4 implied decimals; 0 = none known.</param>
/// <param name="Timestamp">Monotonic time in nanoseconds (for the duplicate window and the rate throttle).</param>
public readonly record struct OrderRequest(
    ushort Account,
    ulong Token,
    StockSymbol Symbol,
    Side Side,
    uint Price,
    uint Shares,
    uint ReferencePrice,
    long Timestamp)
{
    /// <summary>Price × shares in 1/10,000 dollars (cannot overflow: both factors are 32-bit).</summary>
    public ulong Notional => (ulong)Price * Shares;
}
