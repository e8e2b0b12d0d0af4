namespace Swarm.EdgeHft.Itch;

/// <summary>The 11 bytes every ITCH 5.0 message starts with (spec section 4: type, locate, tracking number, timestamp).</summary>
/// <param name="MessageType">The ASCII message type, e.g. <c>'A'</c>.</param>
/// <param name="StockLocate">Locate code identifying the security (0 for market-wide messages).</param>
/// <param name="TrackingNumber">NASDAQ internal tracking number.</param>
/// <param name="Timestamp">Nanoseconds since midnight (a 6-byte field on the wire).</param>
public readonly record struct ItchMessageHeader(byte MessageType, ushort StockLocate, ushort TrackingNumber, long Timestamp);
