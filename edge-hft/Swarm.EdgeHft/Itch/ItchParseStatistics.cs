namespace Swarm.EdgeHft.Itch;

/// <summary>Counts of parse outcomes. Written by the feed thread only; read by anyone (torn reads are harmless for counters).</summary>
public sealed class ItchParseStatistics
{
    /// <summary>Messages decoded.</summary>
    public long Parsed { get; internal set; }

    /// <summary>Messages of types not decoded here.</summary>
    public long Unsupported { get; internal set; }

    /// <summary>Zero-length messages.</summary>
    public long Empty { get; internal set; }

    /// <summary>Messages shorter than their type's length.</summary>
    public long Truncated { get; internal set; }

    /// <summary>Messages longer than their type's length or with an invalid field.</summary>
    public long Malformed { get; internal set; }

    /// <summary>Every message seen.</summary>
    public long Total => Parsed + Unsupported + Empty + Truncated + Malformed;
}
