using Azure;

namespace Swarm.Storage.Core;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches one page per continuation token, lazily.</summary>
internal sealed class StoragePageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> _fetch;

    public StoragePageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetch, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _fetch = fetch;
    }

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await _fetch(continuationToken, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
