using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>A blob's system properties and metadata.</summary>
public sealed class BlobProperties
{
    /// <summary>The content length in bytes.</summary>
    public long ContentLength { get; init; }

    /// <summary>The content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>The blob's version for conditional requests.</summary>
    public ETag ETag { get; init; }

    /// <summary>When the blob was last written.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>When the blob was created, when the service says.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>User metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary><c>available</c>, <c>leased</c>, <c>expired</c>, <c>breaking</c> or <c>broken</c>.</summary>
    public string? LeaseState { get; init; }

    /// <summary><c>locked</c> or <c>unlocked</c>.</summary>
    public string? LeaseStatus { get; init; }

    /// <summary><c>infinite</c> or <c>fixed</c> while leased.</summary>
    public string? LeaseDuration { get; init; }
}
