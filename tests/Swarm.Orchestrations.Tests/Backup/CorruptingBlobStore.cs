using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>A real blob store that flips one byte of every table blob a backup puts, as a failing disk would.</summary>
internal sealed class CorruptingBlobStore(IBlobStore inner) : IBlobStore
{
    public Task CreateContainerAsync(string container, CancellationToken cancellationToken = default) => inner.CreateContainerAsync(container, cancellationToken);

    public Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default) => inner.DeleteContainerAsync(container, cancellationToken);

    public Task<bool> ContainerExistsAsync(string container, CancellationToken cancellationToken = default) => inner.ContainerExistsAsync(container, cancellationToken);

    public string Locate(string container, string prefix = "") => inner.Locate(container, prefix);

    public Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (name.EndsWith(".jsonl.gz", StringComparison.Ordinal) && content.Length > 20)
        {
            var damaged = content.ToArray();
            damaged[damaged.Length / 2] ^= 0x5A;
            content = damaged;
        }

        return inner.PutAsync(container, name, content, cancellationToken);
    }

    public Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken = default) => inner.GetAsync(container, name, cancellationToken);

    public Task DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(container, name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);
}
