using System.Buffers.Binary;
using System.Text;

namespace Swarm.EdgeHft.Itch;

/// <summary>
/// An 8-byte, left-justified, space-padded ASCII stock symbol (ITCH / OUCH <c>Alpha(8)</c>), held as one
/// big-endian <see cref="ulong"/> so it compares, hashes and copies without touching the heap.
/// </summary>
public readonly struct StockSymbol : IEquatable<StockSymbol>
{
    /// <summary>The wire length of a stock field.</summary>
    public const int Length = 8;

    /// <summary>Creates a symbol from its packed big-endian value.</summary>
    public StockSymbol(ulong value) => Value = value;

    /// <summary>The eight wire bytes, big-endian packed (first character in the most significant byte).</summary>
    public ulong Value { get; }

    /// <summary>True for the default (all-zero) value, which no real symbol has.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>Reads the eight wire bytes at the start of <paramref name="source"/>.</summary>
    public static StockSymbol Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt64BigEndian(source));

    /// <summary>Creates a symbol from text such as <c>"AAPL"</c>: at most 8 printable ASCII characters.</summary>
    /// <exception cref="FormatException">The text is empty, longer than 8 characters or not printable ASCII.</exception>
    public static StockSymbol Parse(string text)
    {
        if (!TryParse(text, out var symbol))
        {
            throw new FormatException($"'{text}' is not a stock symbol (1-8 printable ASCII characters).");
        }

        return symbol;
    }

    /// <summary>Creates a symbol from text; false when the text is not 1-8 printable ASCII characters.</summary>
    public static bool TryParse(string? text, out StockSymbol symbol)
    {
        symbol = default;
        if (string.IsNullOrEmpty(text) || text.Length > Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        bytes.Fill((byte)' ');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is <= ' ' or > '~')
            {
                return false;
            }

            bytes[i] = (byte)c;
        }

        symbol = Read(bytes);
        return true;
    }

    /// <summary>Writes the eight wire bytes to the start of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    /// <inheritdoc />
    public bool Equals(StockSymbol other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StockSymbol other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>The symbol without its padding, e.g. <c>AAPL</c>.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes);
        return Encoding.ASCII.GetString(bytes).TrimEnd(' ', '\0');
    }

    /// <summary>Equality on the wire bytes.</summary>
    public static bool operator ==(StockSymbol left, StockSymbol right) => left.Equals(right);

    /// <summary>Inequality on the wire bytes.</summary>
    public static bool operator !=(StockSymbol left, StockSymbol right) => !left.Equals(right);
}
