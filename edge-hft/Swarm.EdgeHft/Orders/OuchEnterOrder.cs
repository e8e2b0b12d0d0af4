using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Orders;

/// <summary>The fields of an OUCH 4.2 Enter Order (<c>'O'</c>) message.</summary>
/// <param name="Token">Order id, sent as the 14-character order token.</param>
/// <param name="Side">B or S (OUCH also has T = sell short, E = sell short exempt).</param>
/// <param name="Shares">Quantity (must be below 1,000,000 per the spec).</param>
/// <param name="Stock">Symbol.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="TimeInForce">Seconds; 0 = immediate-or-cancel, 99998 = market hours, 99999 = system hours.</param>
/// <param name="Firm">MPID, 4 ASCII characters packed big-endian.</param>
/// <param name="Display">Y (visible), N (hidden), P, I, M, W, L, O, T, Q, ...</param>
/// <param name="Capacity">A (agency), P (principal), R (riskless principal), O (other).</param>
/// <param name="IntermarketSweep">Y or N.</param>
/// <param name="MinimumQuantity">Minimum fill quantity (0 = none).</param>
/// <param name="CrossType">N (no cross), O (opening), C (closing), H (halt/IPO), S, R, E.</param>
/// <param name="CustomerType">R (retail designated), N (not retail), space (port default).</param>
public readonly record struct OuchEnterOrder(
    ulong Token,
    Side Side,
    uint Shares,
    StockSymbol Stock,
    uint Price,
    uint TimeInForce,
    uint Firm,
    byte Display = (byte)'Y',
    byte Capacity = (byte)'P',
    byte IntermarketSweep = (byte)'N',
    uint MinimumQuantity = 0,
    byte CrossType = (byte)'N',
    byte CustomerType = (byte)' ')
{
    /// <summary>Time in force meaning immediate-or-cancel.</summary>
    public const uint ImmediateOrCancel = 0;

    /// <summary>Time in force meaning "until the end of market hours".</summary>
    public const uint MarketHours = 99_998;
}
