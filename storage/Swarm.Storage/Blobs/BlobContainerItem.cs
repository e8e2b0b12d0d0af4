using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>A container as a listing returns it.</summary>
/// <param name="Name">The container name.</param>
/// <param name="ETag">The container's ETag.</param>
/// <param name="LastModified">When the container was last modified.</param>
public sealed record BlobContainerItem(string Name, ETag ETag, DateTimeOffset LastModified);
