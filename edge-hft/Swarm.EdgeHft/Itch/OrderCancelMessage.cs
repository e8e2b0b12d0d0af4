namespace Swarm.EdgeHft.Itch;

/// <summary>ITCH 5.0 Order Cancel (<c>'X'</c>, 23 bytes, section 4.4.3): partial cancellation.</summary>
/// <param name="Header">Common header.</param>
/// <param name="OrderReference">The order reduced.</param>
/// <param name="CancelledShares">Shares removed from the order.</param>
public readonly record struct OrderCancelMessage(ItchMessageHeader Header, ulong OrderReference, uint CancelledShares);
