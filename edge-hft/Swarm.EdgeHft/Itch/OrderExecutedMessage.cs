namespace Swarm.EdgeHft.Itch;

/// <summary>
/// ITCH 5.0 Order Executed: <c>'E'</c> (31 bytes, section 4.4.1) or <c>'C'</c> Order Executed With Price
/// (36 bytes, section 4.4.2).
/// </summary>
/// <param name="Header">Common header.</param>
/// <param name="OrderReference">The resting order that traded.</param>
/// <param name="ExecutedShares">Shares executed; the resting order shrinks by this.</param>
/// <param name="MatchNumber">Day-unique match number.</param>
/// <param name="Printable">For <c>'C'</c>: Y or N (whether it counts for volume); <c>'Y'</c> for <c>'E'</c>.</param>
/// <param name="ExecutionPrice">For <c>'C'</c> the execution price (4 implied decimals); 0 for <c>'E'</c>, which trades at the order's price.</param>
public readonly record struct OrderExecutedMessage(
    ItchMessageHeader Header,
    ulong OrderReference,
    uint ExecutedShares,
    ulong MatchNumber,
    byte Printable,
    uint ExecutionPrice)
{
    /// <summary>True for <c>'C'</c>, whose price can differ from the resting order's.</summary>
    public bool HasExecutionPrice => Header.MessageType == (byte)'C';
}
