namespace Swarm.EdgeHft.Itch;

/// <summary>ITCH 5.0 System Event (<c>'S'</c>, 12 bytes), spec section 4.1.</summary>
/// <param name="Header">Common header.</param>
/// <param name="EventCode">O, S, Q, M, E or C (start/end of messages, system, market hours).</param>
public readonly record struct SystemEventMessage(ItchMessageHeader Header, byte EventCode);
