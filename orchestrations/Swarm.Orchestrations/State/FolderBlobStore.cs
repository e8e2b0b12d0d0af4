using System.Runtime.CompilerServices;

namespace Swarm.Orchestrations.State;

/// <summary>The embedded <see cref="IBlobStore"/>: a folder per container, a file per blob.</summary>
/// <remarks>
/// A put writes a temporary file beside the target and renames it over the target, which is atomic
/// on one file system: a crash leaves the old blob or the new one, never half of one.
/// </remarks>
public sealed class FolderBlobStore : IBlobStore
{
    private const string TemporaryPrefix = ".put-";
    private readonly string _root;

    /// <summary>Keeps containers as sub-folders of <paramref name="root"/>.</summary>
    public FolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc />
    public Task CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(ContainerPath(container));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        var path = ContainerPath(container);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ContainerExistsAsync(string container, CancellationToken cancellationToken = default) =>
        Task.FromResult(Directory.Exists(ContainerPath(container)));

    /// <inheritdoc />
    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        if (!Directory.Exists(ContainerPath(container)))
        {
            throw new InvalidOperationException($"Container '{container}' does not exist; create it first.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            // A write that failed (disk full, the name taken by a folder) leaves nothing behind; after the move this is a no-op.
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            File.Delete(BlobPath(container, name));
        }
        catch (DirectoryNotFoundException)
        {
            // The blob's folder (or container) does not exist, so neither does the blob: nothing to delete.
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string container, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await Task.Yield();
        var root = ContainerPath(container);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }
    }

    /// <inheritdoc />
    public string Locate(string container, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Path.GetFullPath(prefix.Length == 0 ? ContainerPath(container) : Path.Combine(ContainerPath(container), prefix.Replace('/', Path.DirectorySeparatorChar)));
    }

    private string ContainerPath(string container)
    {
        StateNames.CheckContainer(container);
        return Path.Combine(_root, container);
    }

    private string BlobPath(string container, string name)
    {
        StateNames.CheckBlob(name);
        return Path.Combine(ContainerPath(container), name.Replace('/', Path.DirectorySeparatorChar));
    }
}
