using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Blobs;

/// <summary>One block blob: upload (single put or staged blocks), download (streamed or buffered), properties, metadata, snapshots, delete, leases.</summary>
/// <remarks>
/// Conditional requests take <see cref="BlobRequestConditions"/>: an unmet <c>If-Match</c> fails with 412
/// <c>ConditionNotMet</c>; a read whose <c>If-None-Match</c> matches fails with 304 <c>ConditionNotMet</c>.
/// Thread-safe and meant to be long-lived.
/// </remarks>
public class BlobClient
{
    private readonly HttpPipeline _pipeline = null!;
    private readonly BlobContainerClient _container = null!;
    private readonly Uri _baseUri = null!;

    /// <summary>For mocking.</summary>
    protected BlobClient()
    {
    }

    /// <summary>Connects to <paramref name="blobName"/> in <paramref name="containerName"/> with a storage connection string.</summary>
    public BlobClient(string connectionString, string containerName, string blobName, BlobClientOptions? options = null)
        : this(new BlobServiceClient(connectionString, options).GetBlobContainerClient(containerName), blobName, snapshot: null)
    {
    }

    internal BlobClient(BlobContainerClient container, string blobName, string? snapshot)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024)
        {
            throw new ArgumentException($"Blob name is {blobName.Length} characters; the service allows at most 1024.", nameof(blobName));
        }

        _container = container;
        _pipeline = container.Pipeline;
        Name = blobName;
        Snapshot = snapshot;
        _baseUri = new Uri(container.Uri.AbsoluteUri.TrimEnd('/') + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString)));
        Uri = snapshot is null ? _baseUri : BlobRequests.WithQuery(_baseUri, ("snapshot", snapshot));
    }

    /// <summary>The blob name.</summary>
    public virtual string Name { get; } = null!;

    /// <summary>The container name.</summary>
    public virtual string BlobContainerName => _container.Name;

    /// <summary>The snapshot this client addresses, or <see langword="null"/> for the base blob.</summary>
    public virtual string? Snapshot { get; }

    /// <summary>The blob's URI (with <c>?snapshot=</c> for a snapshot).</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>A client for snapshot <paramref name="snapshot"/> of this blob.</summary>
    public virtual BlobClient WithSnapshot(string snapshot) => new(_container, Name, snapshot);

    /// <summary>A lease client for this blob.</summary>
    public virtual BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, _baseUri, isContainer: false, leaseId);

    /// <summary>Uploads <paramref name="content"/>; with <paramref name="overwrite"/> false, fails with 409 <c>BlobAlreadyExists</c> if the blob exists.</summary>
    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var options = new BlobUploadOptions { Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All } };
        return UploadAsync(content.ToStream(), options, cancellationToken);
    }

    /// <summary>
    /// Uploads <paramref name="content"/> from its current position: in one Put Blob up to
    /// <see cref="BlobUploadOptions.SingleUploadThreshold"/>, otherwise as staged blocks committed at the end
    /// (so readers see the old content or the new, never a mix).
    /// </summary>
    public virtual async Task<Response<BlobContentInfo>> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        if (options.BlockSize <= 0 || options.SingleUploadThreshold < 0 || options.MaximumConcurrency <= 0)
        {
            throw new ArgumentException("BlockSize and MaximumConcurrency must be positive and SingleUploadThreshold not negative.", nameof(options));
        }

        // Read one byte past the threshold to learn whether a single put suffices without needing Stream.Length.
        var first = new byte[options.SingleUploadThreshold + 1];
        var firstLength = await content.ReadAtLeastAsync(first, first.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (firstLength <= options.SingleUploadThreshold)
        {
            return await PutBlobAsync(first.AsMemory(0, firstLength), options, cancellationToken).ConfigureAwait(false);
        }

        return await UploadBlocksAsync(first.AsMemory(0, firstLength), content, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Response<BlobContentInfo>> PutBlobAsync(ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, _baseUri);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream");
        BlobRequests.Apply(message.Request, options.Metadata);
        BlobRequests.Apply(message.Request, options.Conditions);
        message.Request.Content = RequestContent.Create(content);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRequests.ContentInfo(response), response);
    }

    private async Task<Response<BlobContentInfo>> UploadBlocksAsync(ReadOnlyMemory<byte> head, Stream rest, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        // Block ids are unique per upload, so concurrent uploaders never commit each other's blocks.
        var upload = Guid.NewGuid();
        var ids = new List<string>();
        var inFlight = new List<Task>();
        using var pending = new SemaphoreSlim(options.MaximumConcurrency);

        async Task StageAsync(string id, ReadOnlyMemory<byte> block, byte[]? rented)
        {
            try
            {
                await StageBlockAsync(id, block, options.Conditions?.LeaseId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                pending.Release();
            }
        }

        try
        {
            for (var offset = 0; offset < head.Length; offset += options.BlockSize)
            {
                var id = BlockId(upload, ids.Count);
                ids.Add(id);
                await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
                inFlight.Add(StageAsync(id, head.Slice(offset, Math.Min(options.BlockSize, head.Length - offset)), null));
            }

            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(options.BlockSize);
                var read = await rest.ReadAtLeastAsync(buffer.AsMemory(0, options.BlockSize), options.BlockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var id = BlockId(upload, ids.Count);
                ids.Add(id);
                await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
                inFlight.Add(StageAsync(id, buffer.AsMemory(0, read), buffer));
            }
        }
        finally
        {
            // Never leave a stage running past this call, even when one failed.
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return await CommitBlockListAsync(ids, options, cancellationToken).ConfigureAwait(false);
    }

    private static string BlockId(Guid upload, int index)
    {
        Span<byte> id = stackalloc byte[20];
        upload.TryWriteBytes(id);
        BinaryPrimitives.WriteInt32BigEndian(id[16..], index);
        return Convert.ToBase64String(id);
    }

    /// <summary>Stages one uncommitted block; <paramref name="base64BlockId"/>s of one blob must all have the same length.</summary>
    public virtual async Task<Response> StageBlockAsync(string base64BlockId, ReadOnlyMemory<byte> content, string? leaseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(base64BlockId);
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, BlobRequests.WithQuery(_baseUri, ("comp", "block"), ("blockid", base64BlockId)));
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        message.Request.Content = RequestContent.Create(content);
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits the staged blocks <paramref name="base64BlockIds"/>, in order, as the blob's content.</summary>
    public virtual async Task<Response<BlobContentInfo>> CommitBlockListAsync(IEnumerable<string> base64BlockIds, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(base64BlockIds);
        options ??= new BlobUploadOptions();
        var body = new XElement("BlockList", base64BlockIds.Select(id => new XElement("Latest", id)));
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, BlobRequests.WithQuery(_baseUri, ("comp", "blocklist")));
        message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream");
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        BlobRequests.Apply(message.Request, options.Metadata);
        BlobRequests.Apply(message.Request, options.Conditions);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body.ToString(SaveOptions.DisableFormatting)));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRequests.ContentInfo(response), response);
    }

    /// <summary>Opens the content as a stream read from the network; dispose the result when done.</summary>
    /// <param name="conditions">Read only if these hold (If-None-Match with the known ETag: 304 when unchanged).</param>
    /// <param name="range">Read only these bytes, or all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(
        BlobRequestConditions? conditions = null, HttpRange range = default, CancellationToken cancellationToken = default)
    {
        var message = BlobRequests.Create(_pipeline, RequestMethod.Get, Uri);
        try
        {
            message.BufferResponse = false;
            BlobRequests.Apply(message.Request, conditions);
            if (range != default)
            {
                message.Request.Headers.SetValue("x-ms-range", range.ToString());
            }

            var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.Status == 304)
            {
                throw BlobRequests.NotModified(Uri);
            }

            var details = BlobRequests.Properties(response);
            var stream = message.ExtractResponseContent() ?? new MemoryStream();
            return Response.FromValue(new BlobDownloadStreamingResult(stream, details), response);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>Downloads the content into memory.</summary>
    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Get, Uri);
        BlobRequests.Apply(message.Request, conditions);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 304)
        {
            throw BlobRequests.NotModified(Uri);
        }

        return Response.FromValue(new BlobDownloadResult(response.Content, BlobRequests.Properties(response)), response);
    }

    /// <summary>Reads the properties and metadata; 404 <c>BlobNotFound</c> when absent.</summary>
    public virtual async Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Head, Uri);
        BlobRequests.Apply(message.Request, conditions);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        switch (response.Status)
        {
            case 304:
                throw BlobRequests.NotModified(Uri);
            case 404:
                // A HEAD answer has no body, so the code comes only from x-ms-error-code (which Azurite omits).
                throw new RequestFailedException(404, $"Blob '{BlobContainerName}/{Name}' not found.", response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : "BlobNotFound", null);
            case >= 400:
                throw await StoragePipeline.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return Response.FromValue(BlobRequests.Properties(response), response);
    }

    /// <summary>Whether the blob exists.</summary>
    public virtual async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GetPropertiesAsync(null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Replaces the user metadata.</summary>
    public virtual async Task<Response<BlobContentInfo>> SetMetadataAsync(IDictionary<string, string> metadata, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, BlobRequests.WithQuery(_baseUri, ("comp", "metadata")));
        BlobRequests.Apply(message.Request, metadata);
        BlobRequests.Apply(message.Request, conditions);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRequests.ContentInfo(response), response);
    }

    /// <summary>Takes a read-only snapshot; returns its time stamp (use <see cref="WithSnapshot"/> to read it).</summary>
    public virtual async Task<Response<string>> CreateSnapshotAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, BlobRequests.WithQuery(_baseUri, ("comp", "snapshot")));
        BlobRequests.Apply(message.Request, conditions);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Headers.TryGetValue("x-ms-snapshot", out var snapshot) ? snapshot : string.Empty, response);
    }

    /// <summary>Deletes the blob (or this snapshot); 404 <c>BlobNotFound</c> when absent, 409 <c>SnapshotsPresent</c> when it has snapshots and <paramref name="snapshots"/> is None.</summary>
    public virtual async Task<Response> DeleteAsync(DeleteSnapshotsOption snapshots = DeleteSnapshotsOption.None, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Delete, Uri);
        switch (snapshots)
        {
            case DeleteSnapshotsOption.IncludeSnapshots:
                message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
                break;
            case DeleteSnapshotsOption.OnlySnapshots:
                message.Request.Headers.SetValue("x-ms-delete-snapshots", "only");
                break;
        }

        BlobRequests.Apply(message.Request, conditions);
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob if it exists; <see langword="true"/> when this call deleted it.</summary>
    public virtual async Task<bool> DeleteIfExistsAsync(DeleteSnapshotsOption snapshots = DeleteSnapshotsOption.None, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(snapshots, conditions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "BlobNotFound" or "ContainerNotFound")
        {
            return false;
        }
    }

    internal static string FormatDuration(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? "-1" : ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
