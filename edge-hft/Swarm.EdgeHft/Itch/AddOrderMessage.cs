namespace Swarm.EdgeHft.Itch;

/// <summary>
/// ITCH 5.0 Add Order: <c>'A'</c> (36 bytes, section 4.3.1) or <c>'F'</c> with MPID attribution (40 bytes, section 4.3.2).
/// </summary>
/// <param name="Header">Common header.</param>
/// <param name="OrderReference">Day-unique order reference number.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Shares">Displayed shares.</param>
/// <param name="Stock">Symbol.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="Attribution">MPID (4 ASCII bytes packed big-endian) for <c>'F'</c>; 0 for <c>'A'</c>.</param>
public readonly record struct AddOrderMessage(
    ItchMessageHeader Header,
    ulong OrderReference,
    Side Side,
    uint Shares,
    StockSymbol Stock,
    uint Price,
    uint Attribution);
