namespace Swarm.EdgeHft.Feed;

/// <summary>What a replay read.</summary>
/// <param name="Messages">Messages delivered.</param>
/// <param name="Bytes">Bytes read.</param>
/// <param name="TruncatedTailBytes">Bytes at the end of the file that did not form a whole record (0 for a sound file).</param>
public sealed record ItchFileReplayResult(long Messages, long Bytes, int TruncatedTailBytes);
