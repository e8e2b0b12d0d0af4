using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Blobs;

/// <summary>Acquires, renews, changes, releases and breaks the lease on a blob or container.</summary>
/// <remarks>
/// A lease lasts 15-60 seconds or is infinite (<see cref="Timeout.InfiniteTimeSpan"/>). While it is held,
/// writes and deletes need its id (<see cref="BlobRequestConditions.LeaseId"/>) and other acquirers get 409
/// <c>LeaseAlreadyPresent</c>. For a lock that renews itself, use <see cref="BlobLeaseLock"/>.
/// </remarks>
public class BlobLeaseClient
{
    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _resource = null!;
    private readonly bool _isContainer;

    /// <summary>For mocking.</summary>
    protected BlobLeaseClient()
    {
    }

    /// <summary>A lease client for <paramref name="blob"/>; <paramref name="leaseId"/> is proposed on acquire (default: a new GUID).</summary>
    public BlobLeaseClient(BlobClient blob, string? leaseId = null)
        : this(Client(blob).GetBlobLeaseClient(leaseId))
    {
    }

    private BlobLeaseClient(BlobLeaseClient other)
        : this(other._pipeline, other._resource, other._isContainer, other.LeaseId)
    {
    }

    internal BlobLeaseClient(HttpPipeline pipeline, Uri resource, bool isContainer, string? leaseId)
    {
        _pipeline = pipeline;
        _resource = resource;
        _isContainer = isContainer;
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    /// <summary>The lease id this client acquires, renews and releases with.</summary>
    public virtual string LeaseId { get; private set; } = null!;

    /// <summary>Acquires the lease for <paramref name="duration"/> (15-60 s, or infinite); 409 <c>LeaseAlreadyPresent</c> when another holds it.</summary>
    public virtual async Task<Response<BlobLease>> AcquireAsync(TimeSpan duration, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ValidateDuration(duration);
        return await SendAsync("acquire", conditions, cancellationToken, request =>
        {
            request.Headers.SetValue("x-ms-lease-duration", BlobClient.FormatDuration(duration));
            request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        }).ConfigureAwait(false);
    }

    /// <summary>Renews the lease for another period of its original duration; 409 when it was lost or broken.</summary>
    public virtual Task<Response<BlobLease>> RenewAsync(CancellationToken cancellationToken = default) =>
        SendAsync("renew", null, cancellationToken, request => request.Headers.SetValue("x-ms-lease-id", LeaseId));

    /// <summary>Releases the lease so others can acquire it at once.</summary>
    public virtual Task<Response<BlobLease>> ReleaseAsync(CancellationToken cancellationToken = default) =>
        SendAsync("release", null, cancellationToken, request => request.Headers.SetValue("x-ms-lease-id", LeaseId));

    /// <summary>Changes the lease id to <paramref name="proposedId"/>.</summary>
    public virtual async Task<Response<BlobLease>> ChangeAsync(string proposedId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(proposedId);
        var response = await SendAsync("change", null, cancellationToken, request =>
        {
            request.Headers.SetValue("x-ms-lease-id", LeaseId);
            request.Headers.SetValue("x-ms-proposed-lease-id", proposedId);
        }).ConfigureAwait(false);
        LeaseId = proposedId;
        return response;
    }

    /// <summary>
    /// Breaks the lease without knowing its id: after <paramref name="breakPeriod"/> (default: the rest of
    /// its period; zero: at once) no one holds it until it is acquired again.
    /// </summary>
    public virtual Task<Response<BlobLease>> BreakAsync(TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } period && (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), breakPeriod, "A lease break period is 0-60 seconds.");
        }

        return SendAsync("break", null, cancellationToken, request =>
        {
            if (breakPeriod is { } p)
            {
                request.Headers.SetValue("x-ms-lease-break-period", ((int)p.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    private async Task<Response<BlobLease>> SendAsync(string action, BlobRequestConditions? conditions, CancellationToken cancellationToken, Action<Request> headers)
    {
        var uri = _isContainer
            ? BlobRequests.WithQuery(_resource, ("comp", "lease"), ("restype", "container"))
            : BlobRequests.WithQuery(_resource, ("comp", "lease"));
        using var message = BlobRequests.Create(_pipeline, RequestMethod.Put, uri);
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        headers(message.Request);
        BlobRequests.Apply(message.Request, conditions);
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobRequests.ContentInfo(response);
        response.Headers.TryGetValue("x-ms-lease-id", out var leaseId);
        int? leaseTime = response.Headers.TryGetValue("x-ms-lease-time", out var time) && int.TryParse(time, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        return Response.FromValue(new BlobLease(leaseId, info.ETag, info.LastModified, leaseTime), response);
    }

    private static void ValidateDuration(TimeSpan duration)
    {
        if (duration != Timeout.InfiniteTimeSpan && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15-60 seconds, or is infinite (Timeout.InfiniteTimeSpan).");
        }
    }

    private static BlobClient Client(BlobClient blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return blob;
    }
}
