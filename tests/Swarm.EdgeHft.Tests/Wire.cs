using System.Text;

namespace Swarm.EdgeHft.Tests;

/// <summary>
/// Builds test vectors field by field from a protocol spec's layout tables, independently of the encoders under test:
/// each call appends one field in network byte order.
/// </summary>
internal sealed class Wire
{
    private readonly List<byte> _bytes = [];

    public Wire Char(char c)
    {
        _bytes.Add((byte)c);
        return this;
    }

    public Wire U8(byte v)
    {
        _bytes.Add(v);
        return this;
    }

    public Wire U16(ushort v) => Big(v, 2);

    public Wire U32(uint v) => Big(v, 4);

    public Wire U48(long v) => Big((ulong)v, 6);

    public Wire U64(ulong v) => Big(v, 8);

    /// <summary>Left-justified, space-padded ASCII field of exactly <paramref name="width"/> bytes.</summary>
    public Wire Alpha(string text, int width)
    {
        var padded = text.PadRight(width);
        _bytes.AddRange(Encoding.ASCII.GetBytes(padded));
        return this;
    }

    /// <summary>Right-justified, space-padded ASCII number of exactly <paramref name="width"/> bytes (SoupBinTCP numerics).</summary>
    public Wire Numeric(ulong value, int width)
    {
        _bytes.AddRange(Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)));
        return this;
    }

    public Wire Raw(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    public int Length => _bytes.Count;

    private Wire Big(ulong v, int width)
    {
        for (var shift = (width - 1) * 8; shift >= 0; shift -= 8)
        {
            _bytes.Add((byte)(v >> shift));
        }

        return this;
    }
}
