using System.Text;
using Azure;
using Swarm.Storage.Blobs;

namespace Swarm.Storage.Durable;

/// <summary>
/// The large-message container: payloads too big for a queue message or a table property are stored as blobs
/// under <c>{instanceId}/</c>, and the message or row carries the blob name instead.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    public BlobContainerClient Container { get; } = container;

    public async Task<string> UploadAsync(string instanceId, string payload, CancellationToken cancellationToken)
    {
        var name = $"{instanceId}/{Guid.NewGuid():N}";
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(payload), overwrite: true, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await Container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(instanceId + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Container.GetBlobClient(blob.Name).DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted concurrently by another purge: the goal is reached.
            }
        }
    }
}
