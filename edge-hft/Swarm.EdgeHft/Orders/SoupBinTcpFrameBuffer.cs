using System.Buffers.Binary;
using System.Net.Sockets;

namespace Swarm.EdgeHft.Orders;

/// <summary>
/// Reassembles SoupBinTCP packets from a TCP byte stream in one preallocated buffer.
/// </summary>
/// <remarks>
/// Read with <see cref="Receive"/> (or <see cref="Append"/>), then take packets with <see cref="TryTake"/> until it
/// returns false; the payload of a taken packet stays valid until the next Receive/Append, which first moves any
/// partial packet to the front. A zero length prefix is a protocol violation and is reported via
/// <see cref="IsCorrupt"/> (the stream cannot be resynchronised; the session must be dropped).
/// </remarks>
public sealed class SoupBinTcpFrameBuffer(int capacity = 1 << 17)
{
    private readonly byte[] _buffer = new byte[Math.Max(capacity, ushort.MaxValue + 2)];
    private int _start;
    private int _end;

    /// <summary>The underlying array (payload offsets refer to it).</summary>
    public byte[] Array => _buffer;

    /// <summary>True after a packet with a zero length prefix.</summary>
    public bool IsCorrupt { get; private set; }

    /// <summary>Reads what <paramref name="socket"/> has (blocking if it has nothing); returns the bytes read, 0 at end of stream.</summary>
    public int Receive(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Compact();
        var n = socket.Receive(_buffer.AsSpan(_end), SocketFlags.None);
        _end += n;
        return n;
    }

    /// <summary>Appends bytes received some other way.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Compact();
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>Takes the next complete packet, if one has fully arrived.</summary>
    public bool TryTake(out SoupBinTcpFrame frame)
    {
        frame = default;
        if (IsCorrupt || _end - _start < 2)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start));
        if (length == 0)
        {
            IsCorrupt = true;
            return false;
        }

        if (_end - _start - 2 < length)
        {
            return false;
        }

        frame = new SoupBinTcpFrame(_buffer[_start + 2], _start + SoupBinTcp.HeaderLength, length - 1);
        _start += 2 + length;
        return true;
    }

    /// <summary>The payload of <paramref name="frame"/>.</summary>
    public ReadOnlySpan<byte> Payload(in SoupBinTcpFrame frame) => _buffer.AsSpan(frame.PayloadOffset, frame.PayloadLength);

    private void Compact()
    {
        if (_start == 0)
        {
            return;
        }

        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
    }
}
