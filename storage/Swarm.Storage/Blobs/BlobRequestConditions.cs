using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>Conditions a blob request only proceeds under; an unmet one fails with 412 (or 304 for reads with <see cref="IfNoneMatch"/>).</summary>
public sealed class BlobRequestConditions
{
    /// <summary>Proceed only if the resource's ETag is this (<see cref="ETag.All"/>: if it exists).</summary>
    public ETag? IfMatch { get; set; }

    /// <summary>Proceed only if the resource's ETag is not this (<see cref="ETag.All"/>: if it does not exist).</summary>
    public ETag? IfNoneMatch { get; set; }

    /// <summary>Proceed only if modified after this time.</summary>
    public DateTimeOffset? IfModifiedSince { get; set; }

    /// <summary>Proceed only if not modified after this time.</summary>
    public DateTimeOffset? IfUnmodifiedSince { get; set; }

    /// <summary>The active lease id; required to write or delete a leased resource.</summary>
    public string? LeaseId { get; set; }
}
