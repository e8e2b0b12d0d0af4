namespace Swarm.EdgeHft.Orders;

/// <summary>One complete packet inside a <see cref="SoupBinTcpFrameBuffer"/>.</summary>
/// <param name="Type">Packet type byte.</param>
/// <param name="PayloadOffset">Offset of the payload in the buffer's array.</param>
/// <param name="PayloadLength">Payload bytes (the packet length minus the type byte).</param>
public readonly record struct SoupBinTcpFrame(byte Type, int PayloadOffset, int PayloadLength);
