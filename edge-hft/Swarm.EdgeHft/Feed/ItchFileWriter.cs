using System.Buffers.Binary;

namespace Swarm.EdgeHft.Feed;

/// <summary>Writes a length-prefixed ITCH replay file (see <see cref="ItchFileFormat"/>).</summary>
public sealed class ItchFileWriter : IDisposable
{
    private readonly Stream _stream;

    /// <summary>Writes to <paramref name="stream"/> (left open on dispose when <paramref name="leaveOpen"/>).</summary>
    public ItchFileWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        LeaveOpen = leaveOpen;
    }

    private bool LeaveOpen { get; }

    /// <summary>Appends one message.</summary>
    public void Append(ReadOnlySpan<byte> message)
    {
        if (message.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An ITCH message is at most 65535 bytes.", nameof(message));
        }

        Span<byte> prefix = stackalloc byte[ItchFileFormat.PrefixLength];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)message.Length);
        _stream.Write(prefix);
        _stream.Write(message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Flush();
        if (!LeaveOpen)
        {
            _stream.Dispose();
        }
    }
}
