using System.Buffers.Binary;
using System.Text;

namespace Swarm.EdgeHft.Feed;

/// <summary>A MoldUDP64 / SoupBinTCP session name: 10 ASCII bytes, held without allocation.</summary>
public readonly struct MoldSession : IEquatable<MoldSession>
{
    /// <summary>Wire length of a session field.</summary>
    public const int Length = 10;

    private readonly ulong _head;
    private readonly ushort _tail;

    private MoldSession(ulong head, ushort tail)
    {
        _head = head;
        _tail = tail;
    }

    /// <summary>Reads the 10 session bytes at the start of <paramref name="source"/>.</summary>
    public static MoldSession Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt16BigEndian(source[8..]));

    /// <summary>From text of at most 10 printable ASCII characters (right-padded with spaces; SoupBinTCP pads left for numbers only).</summary>
    /// <exception cref="FormatException">Longer than 10 characters or not printable ASCII.</exception>
    public static MoldSession Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > Length || text.Any(c => c is < ' ' or > '~'))
        {
            throw new FormatException($"'{text}' is not a session name (at most 10 printable ASCII characters).");
        }

        Span<byte> bytes = stackalloc byte[Length];
        bytes.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, bytes);
        return Read(bytes);
    }

    /// <summary>Writes the 10 session bytes.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _head);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], _tail);
    }

    /// <inheritdoc />
    public bool Equals(MoldSession other) => _head == other._head && _tail == other._tail;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MoldSession other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_head, _tail);

    /// <summary>The session name without padding.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes);
        return Encoding.ASCII.GetString(bytes).Trim();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(MoldSession left, MoldSession right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(MoldSession left, MoldSession right) => !left.Equals(right);
}
