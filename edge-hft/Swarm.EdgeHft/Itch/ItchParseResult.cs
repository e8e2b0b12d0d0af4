namespace Swarm.EdgeHft.Itch;

/// <summary>What <see cref="ItchParser.Parse{THandler}"/> did with one message.</summary>
public enum ItchParseResult
{
    /// <summary>Decoded and handed to the handler.</summary>
    Parsed,

    /// <summary>A message type this parser does not decode (e.g. <c>'H'</c>, <c>'Y'</c>, <c>'I'</c>); skipped.</summary>
    Unsupported,

    /// <summary>Zero bytes.</summary>
    Empty,

    /// <summary>Shorter than its type's fixed length; skipped.</summary>
    Truncated,

    /// <summary>Longer than its type's fixed length, or a field holds a value the spec does not allow; skipped.</summary>
    Malformed,
}
