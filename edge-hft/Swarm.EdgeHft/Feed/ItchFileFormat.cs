namespace Swarm.EdgeHft.Feed;

/// <summary>
/// The replay file layout: a sequence of records, each a 2-byte big-endian length followed by one ITCH message
/// of that length — the layout of NASDAQ's published TotalView-ITCH 5.0 sample files.
/// </summary>
public static class ItchFileFormat
{
    /// <summary>Bytes of the length prefix.</summary>
    public const int PrefixLength = 2;
}
