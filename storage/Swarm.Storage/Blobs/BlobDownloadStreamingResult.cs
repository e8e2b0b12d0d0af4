namespace Swarm.Storage.Blobs;

/// <summary>A download whose content is read from the network as the caller reads <see cref="Content"/>.</summary>
public sealed class BlobDownloadStreamingResult : IDisposable, IAsyncDisposable
{
    internal BlobDownloadStreamingResult(Stream content, BlobProperties details)
    {
        Content = content;
        Details = details;
    }

    /// <summary>The content; dispose this result (or the stream) when done.</summary>
    public Stream Content { get; }

    /// <summary>The blob's properties at the time of the download.</summary>
    public BlobProperties Details { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
