using Swarm.EdgeHft.Simulation;

namespace Swarm.Bench;

/// <summary>A synthetic ITCH feed held in memory, with each message's offset and length pre-split so the timed loops read only message bytes.</summary>
internal sealed class EdgeFeed
{
    private EdgeFeed(byte[] bytes, int[] offsets, int[] lengths)
    {
        Bytes = bytes;
        Offsets = offsets;
        Lengths = lengths;
    }

    public byte[] Bytes { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    public int Count => Offsets.Length;

    public static EdgeFeed Create(int messages, int symbols, int seed)
    {
        var bytes = SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = messages, Symbols = symbols, Seed = seed });
        var offsets = new List<int>(messages + 16);
        var lengths = new List<int>(messages + 16);
        for (var i = 0; i + 2 <= bytes.Length;)
        {
            var length = (bytes[i] << 8) | bytes[i + 1];
            offsets.Add(i + 2);
            lengths.Add(length);
            i += 2 + length;
        }

        return new EdgeFeed(bytes, [.. offsets], [.. lengths]);
    }

    public ReadOnlySpan<byte> this[int index] => Bytes.AsSpan(Offsets[index], Lengths[index]);
}
