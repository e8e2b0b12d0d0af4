using System.Buffers.Binary;

namespace Swarm.EdgeHft.Feed;

/// <summary>
/// MoldUDP64 1.00 wire layout: a downstream packet is Session (10) + Sequence Number (8) + Message Count (2)
/// followed by message blocks, each Message Length (2) + message; a request packet is the same 20-byte header.
/// </summary>
public static class MoldUdp64
{
    /// <summary>Downstream packet header length.</summary>
    public const int HeaderLength = 20;

    /// <summary>Message count of a heartbeat.</summary>
    public const ushort HeartbeatCount = 0;

    /// <summary>Message count announcing the end of the session.</summary>
    public const ushort EndOfSessionCount = 0xFFFF;

    /// <summary>Largest UDP payload a packet is expected to have.</summary>
    public const int MaxPacketLength = 65_507;

    /// <summary>Reads a packet header; false when the packet is shorter than a header.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> packet, out MoldSession session, out ulong sequence, out ushort count)
    {
        if (packet.Length < HeaderLength)
        {
            session = default;
            sequence = 0;
            count = 0;
            return false;
        }

        session = MoldSession.Read(packet);
        sequence = BinaryPrimitives.ReadUInt64BigEndian(packet[10..]);
        count = BinaryPrimitives.ReadUInt16BigEndian(packet[18..]);
        return true;
    }

    /// <summary>Writes a downstream header; message blocks follow at offset <see cref="HeaderLength"/>.</summary>
    public static void WriteHeader(Span<byte> destination, MoldSession session, ulong sequence, ushort count)
    {
        session.Write(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[10..], sequence);
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], count);
    }

    /// <summary>Writes a request (re-transmission) packet for <paramref name="count"/> messages from <paramref name="sequence"/>.</summary>
    public static int WriteRequest(Span<byte> destination, MoldSession session, ulong sequence, ushort count)
    {
        WriteHeader(destination, session, sequence, count);
        return HeaderLength;
    }

    /// <summary>Appends one message block at <paramref name="offset"/>; returns the new offset.</summary>
    public static int WriteMessageBlock(Span<byte> packet, int offset, ReadOnlySpan<byte> message)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], (ushort)message.Length);
        message.CopyTo(packet[(offset + 2)..]);
        return offset + 2 + message.Length;
    }
}
