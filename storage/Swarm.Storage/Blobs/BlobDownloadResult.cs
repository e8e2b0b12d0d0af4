namespace Swarm.Storage.Blobs;

/// <summary>A download held in memory.</summary>
/// <param name="Content">The content.</param>
/// <param name="Details">The blob's properties at the time of the download.</param>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Details);
