using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>What a lease operation answered.</summary>
/// <param name="LeaseId">The lease id (after acquire, renew, change); <see langword="null"/> after release or break.</param>
/// <param name="ETag">The resource's ETag.</param>
/// <param name="LastModified">When the resource was last modified.</param>
/// <param name="LeaseTime">After a break: seconds until the lease is broken.</param>
public sealed record BlobLease(string? LeaseId, ETag ETag, DateTimeOffset LastModified, int? LeaseTime);
