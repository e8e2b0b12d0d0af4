namespace Swarm.Orchestrations.State;

/// <summary>Containers of named blobs: checkpoints, result files, backups.</summary>
/// <remarks>
/// Implementations: <see cref="FolderBlobStore"/> (a local folder per container) and Azure Blob
/// Storage. A put replaces the whole blob atomically: readers see the old or the new content, never a mix.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Creates <paramref name="container"/> if it does not exist.</summary>
    Task CreateContainerAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="container"/> and its blobs; no error if it does not exist.</summary>
    Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="container"/> exists.</summary>
    Task<bool> ContainerExistsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) blob <paramref name="name"/>; the container must exist.</summary>
    Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The content of blob <paramref name="name"/>, or null when it (or its container) does not exist.</summary>
    Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes blob <paramref name="name"/>; no error if it does not exist.</summary>
    Task DeleteAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>The names of the blobs in <paramref name="container"/> starting with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default);

    /// <summary>Where blobs named <paramref name="prefix"/>… of <paramref name="container"/> are, for telling a person: a folder path or a blob URL.</summary>
    string Locate(string container, string prefix = "");
}
