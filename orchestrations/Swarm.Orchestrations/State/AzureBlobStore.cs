using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Swarm.Orchestrations.State;

/// <summary>The Azure Blob Storage <see cref="IBlobStore"/>: a state-store container is a blob container, a blob a block blob.</summary>
/// <remarks>
/// A put is one Put Blob (or, above the client's single-upload threshold, staged blocks committed in one call), so
/// readers see the old content or the new, never a mix. Names are checked with <see cref="StateNames"/> first, so a
/// name that works here also works in the embedded store and the other way round.
/// </remarks>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobServiceClient _service;

    /// <inheritdoc />
    public string Locate(string container, string prefix = "")
    {
        StateNames.CheckContainer(container);
        return new Uri(_service.GetBlobContainerClient(container).Uri.AbsoluteUri.TrimEnd('/') + "/" + prefix).AbsoluteUri;
    }

    /// <summary>Keeps containers in the account <paramref name="service"/> connects to.</summary>
    public AzureBlobStore(BlobServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <inheritdoc />
    public async Task CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        try
        {
            await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "ContainerBeingDeleted")
        {
            throw new InvalidOperationException($"Container '{container}' is still being deleted by the service; create it again in a minute.", e);
        }
    }

    /// <inheritdoc />
    public async Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default) =>
        await Container(container).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> ContainerExistsAsync(string container, CancellationToken cancellationToken = default) =>
        (await Container(container).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            // One Put Blob up to the client's single-upload size (256 MiB), staged blocks committed in one call above it.
            await blob.UploadAsync(new BinaryData(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "ContainerNotFound")
        {
            throw new InvalidOperationException($"Container '{container}' does not exist; create it first.", e);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            var response = await blob.DownloadContentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "BlobNotFound" or "ContainerNotFound")
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        await Blob(container, name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string container, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var pages = Container(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken).AsPages();
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "ContainerNotFound")
            {
                // A missing container lists nothing, as in the embedded store.
                yield break;
            }

            foreach (var item in page.Values)
            {
                yield return item.Name;
            }
        }
    }

    private BlobContainerClient Container(string container)
    {
        StateNames.CheckContainer(container);
        return _service.GetBlobContainerClient(container);
    }

    private BlobClient Blob(string container, string name)
    {
        StateNames.CheckBlob(name);
        return Container(container).GetBlobClient(name);
    }
}
