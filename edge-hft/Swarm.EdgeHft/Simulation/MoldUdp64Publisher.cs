using System.Buffers.Binary;
using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// The sending side of a MoldUDP64 feed, for tests and benchmarks: cuts a length-prefixed ITCH file into downstream
/// packets (sequence numbers from 1) and answers re-transmission requests from the messages it keeps.
/// </summary>
public sealed class MoldUdp64Publisher
{
    private readonly byte[] _file;
    private readonly int[] _messageOffsets;
    private readonly int[] _messageLengths;
    private readonly byte[][] _packets;
    private readonly ulong[] _packetSequences;
    private readonly int _maxPayloadBytes;

    /// <summary>Packs the messages of <paramref name="itchFile"/> into packets of at most <paramref name="maxPayloadBytes"/> and <paramref name="maxMessagesPerPacket"/>.</summary>
    public MoldUdp64Publisher(byte[] itchFile, MoldSession session, int maxPayloadBytes = 1_400, int maxMessagesPerPacket = 64)
    {
        ArgumentNullException.ThrowIfNull(itchFile);
        _file = itchFile;
        Session = session;
        _maxPayloadBytes = maxPayloadBytes;
        var offsets = new List<int>();
        var lengths = new List<int>();
        for (var i = 0; i + ItchFileFormat.PrefixLength <= itchFile.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(itchFile.AsSpan(i));
            offsets.Add(i + ItchFileFormat.PrefixLength);
            lengths.Add(length);
            i += ItchFileFormat.PrefixLength + length;
        }

        _messageOffsets = [.. offsets];
        _messageLengths = [.. lengths];
        var packets = new List<byte[]>();
        var sequences = new List<ulong>();
        var scratch = new byte[maxPayloadBytes];
        for (var first = 0; first < _messageOffsets.Length;)
        {
            var written = Write(scratch, first, maxMessagesPerPacket, out var count);
            packets.Add(scratch.AsSpan(0, written).ToArray());
            sequences.Add((ulong)first + 1);
            first += count;
        }

        _packets = [.. packets];
        _packetSequences = [.. sequences];
    }

    /// <summary>The session written into every packet.</summary>
    public MoldSession Session { get; }

    /// <summary>Number of downstream packets.</summary>
    public int PacketCount => _packets.Length;

    /// <summary>Number of messages (the last sequence number).</summary>
    public int MessageCount => _messageOffsets.Length;

    /// <summary>Downstream packet <paramref name="index"/>.</summary>
    public byte[] Packet(int index) => _packets[index];

    /// <summary>Sequence number of the first message of packet <paramref name="index"/>.</summary>
    public ulong PacketSequence(int index) => _packetSequences[index];

    /// <summary>Messages in packet <paramref name="index"/>.</summary>
    public int PacketMessages(int index) => BinaryPrimitives.ReadUInt16BigEndian(_packets[index].AsSpan(18));

    /// <summary>
    /// Writes into <paramref name="reply"/> the answer to a re-transmission <paramref name="request"/> (as many of the
    /// requested messages as fit one packet) and returns its length; 0 when the request is not for this session or
    /// asks for nothing this publisher has.
    /// </summary>
    public int Answer(ReadOnlySpan<byte> request, Span<byte> reply)
    {
        if (!MoldUdp64.TryReadHeader(request, out var session, out var sequence, out var count) || session != Session
            || sequence == 0 || sequence > (ulong)_messageOffsets.Length || count == 0)
        {
            return 0;
        }

        return Write(reply, (int)(sequence - 1), count, out _);
    }

    private int Write(Span<byte> packet, int first, int maxMessages, out int count)
    {
        var offset = MoldUdp64.HeaderLength;
        count = 0;
        while (count < maxMessages && first + count < _messageOffsets.Length
            && offset + 2 + _messageLengths[first + count] <= Math.Min(packet.Length, _maxPayloadBytes))
        {
            offset = MoldUdp64.WriteMessageBlock(packet, offset, _file.AsSpan(_messageOffsets[first + count], _messageLengths[first + count]));
            count++;
        }

        MoldUdp64.WriteHeader(packet, Session, (ulong)first + 1, (ushort)count);
        return offset;
    }
}
