namespace Swarm.EdgeHft.Itch;

/// <summary>ITCH 5.0 Order Delete (<c>'D'</c>, 19 bytes, section 4.4.4): the whole remaining order leaves the book.</summary>
/// <param name="Header">Common header.</param>
/// <param name="OrderReference">The order removed.</param>
public readonly record struct OrderDeleteMessage(ItchMessageHeader Header, ulong OrderReference);
