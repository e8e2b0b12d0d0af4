namespace Swarm.EdgeHft.Itch;

/// <summary>
/// ITCH 5.0 Order Replace (<c>'U'</c>, 35 bytes, section 4.4.5): the original order leaves the book and a new one,
/// same side and stock, takes a new reference, size and price (and loses time priority).
/// </summary>
/// <param name="Header">Common header.</param>
/// <param name="OriginalOrderReference">The order replaced.</param>
/// <param name="NewOrderReference">The reference of the replacement.</param>
/// <param name="Shares">Displayed shares of the replacement.</param>
/// <param name="Price">Price of the replacement, 4 implied decimals.</param>
public readonly record struct OrderReplaceMessage(
    ItchMessageHeader Header,
    ulong OriginalOrderReference,
    ulong NewOrderReference,
    uint Shares,
    uint Price);
