namespace Swarm.Storage.Blobs;

/// <summary>How <see cref="BlobClient.UploadAsync(System.IO.Stream, BlobUploadOptions?, System.Threading.CancellationToken)"/> stores content.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>The blob's content type.</summary>
    public string? ContentType { get; set; }

    /// <summary>User metadata (<c>x-ms-meta-*</c>); names must be C# identifiers.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Conditions on the existing blob (e.g. <c>IfNoneMatch = ETag.All</c> to never overwrite).</summary>
    public BlobRequestConditions? Conditions { get; set; }

    /// <summary>Content up to this size goes in one Put Blob; larger content is staged in blocks. Default 4 MiB.</summary>
    public int SingleUploadThreshold { get; set; } = 4 * 1024 * 1024;

    /// <summary>The size of each staged block. Default 4 MiB; the service allows up to 4000 MiB.</summary>
    public int BlockSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many blocks are staged at once. Default 4.</summary>
    public int MaximumConcurrency { get; set; } = 4;
}
