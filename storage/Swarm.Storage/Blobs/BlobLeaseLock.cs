using Azure;

namespace Swarm.Storage.Blobs;

/// <summary>
/// A distributed lock: a lease on a blob, renewed in the background until disposed.
/// </summary>
/// <remarks>
/// <para>The blob is created empty when missing (its container must exist). Whoever holds the lock should
/// watch <see cref="LeaseLost"/>: it is cancelled when a renewal is refused (the lease was broken or taken)
/// or when renewals kept failing until the lease ran out — from then on another process may hold the lock.</para>
/// <para>Disposing stops renewing and releases the lease, so the next holder need not wait for it to expire.</para>
/// </remarks>
public sealed class BlobLeaseLock : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeSpan _renewInterval;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private DateTimeOffset _expires;
    private int _disposed;

    private BlobLeaseLock(BlobLeaseClient lease, TimeSpan duration, TimeSpan renewInterval, DateTimeOffset acquiredAt)
    {
        _lease = lease;
        _duration = duration;
        _renewInterval = renewInterval;
        _expires = acquiredAt + duration;
        _renewing = Task.Run(RenewLoopAsync);
    }

    /// <summary>The lease id, for writes to the locked blob.</summary>
    public string LeaseId => _lease.LeaseId;

    /// <summary>Cancelled once the lock can no longer be trusted to be held.</summary>
    public CancellationToken LeaseLost => _lost.Token;

    /// <summary>Whether the lock is still held as far as this process knows.</summary>
    public bool IsHeld => !_lost.IsCancellationRequested && Volatile.Read(ref _disposed) == 0;

    /// <summary>Takes the lock if it is free; <see langword="null"/> when another holds it.</summary>
    public static async Task<BlobLeaseLock?> TryAcquireAsync(BlobClient blob, BlobLeaseLockOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        options ??= new BlobLeaseLockOptions();
        var renew = options.RenewInterval ?? options.LeaseDuration / 3;
        if (options.LeaseDuration == Timeout.InfiniteTimeSpan || renew <= TimeSpan.Zero || renew >= options.LeaseDuration)
        {
            throw new ArgumentException("A lease lock needs a finite LeaseDuration and a positive RenewInterval shorter than it.", nameof(options));
        }

        var lease = blob.GetBlobLeaseClient(options.LeaseId);
        for (var attempt = 0; ; attempt++)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                await lease.AcquireAsync(options.LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new BlobLeaseLock(lease, options.LeaseDuration, renew, started);
            }
            catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode is "LeaseAlreadyPresent")
            {
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "BlobNotFound" && attempt == 0)
            {
                await CreateEmptyAsync(blob, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until the lock is free and takes it.</summary>
    public static async Task<BlobLeaseLock> AcquireAsync(BlobClient blob, BlobLeaseLockOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BlobLeaseLockOptions();
        while (true)
        {
            var held = await TryAcquireAsync(blob, options, cancellationToken).ConfigureAwait(false);
            if (held is not null)
            {
                return held;
            }

            await Task.Delay(options.RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CreateEmptyAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process created it first: the blob exists, which is all the lease needs.
        }
    }

    private async Task RenewLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_renewInterval, _stop.Token).ConfigureAwait(false);
                var started = DateTimeOffset.UtcNow;
                await _lease.RenewAsync(_stop.Token).ConfigureAwait(false);
                _expires = started + _duration;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // The service says the lease is no longer ours: broken, taken over, or the blob is gone.
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
            {
                // Transient: keep trying while the lease may still be ours.
                if (DateTimeOffset.UtcNow >= _expires)
                {
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    /// <summary>Stops renewing and releases the lease (when still held).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Already broken or expired: nothing left to release.
            }
        }

        _stop.Dispose();
    }
}
