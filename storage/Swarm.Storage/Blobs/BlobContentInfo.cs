using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>What a write answered: the blob's new version.</summary>
/// <param name="ETag">The new ETag.</param>
/// <param name="LastModified">When the blob was written.</param>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);
