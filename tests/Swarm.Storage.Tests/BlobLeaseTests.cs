using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Blobs;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobLeaseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<BlobContainerClient> NewContainerAsync(BlobClientOptions? options = null)
    {
        var container = new BlobServiceClient(azurite.ConnectionString, options).GetBlobContainerClient(Names.Container());
        await container.CreateAsync();
        return container;
    }

    [Fact]
    public async Task Lease_AcquireRenewReleaseBreak_FollowsTheLeaseStateMachine()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("leased");
        await blob.UploadAsync(BinaryData.FromString("x"));
        var holder = blob.GetBlobLeaseClient();
        var rival = blob.GetBlobLeaseClient();

        var acquired = await holder.AcquireAsync(TimeSpan.FromSeconds(15));
        var taken = await Assert.ThrowsAsync<RequestFailedException>(() => rival.AcquireAsync(TimeSpan.FromSeconds(15)));
        var writeWithoutLease = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("y"), overwrite: true));
        await blob.UploadAsync(new MemoryStream([2]), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = holder.LeaseId } });
        await holder.RenewAsync();
        var leased = (await blob.GetPropertiesAsync()).Value;
        await holder.ReleaseAsync();
        await rival.AcquireAsync(Timeout.InfiniteTimeSpan);
        var broken = await rival.BreakAsync(TimeSpan.Zero);
        var renewBroken = await Assert.ThrowsAsync<RequestFailedException>(() => rival.RenewAsync());

        Assert.Equal(holder.LeaseId, acquired.Value.LeaseId);
        Assert.Equal(409, taken.Status);
        Assert.Equal("LeaseAlreadyPresent", taken.ErrorCode);
        Assert.Equal(412, writeWithoutLease.Status);
        Assert.Equal("LeaseIdMissing", writeWithoutLease.ErrorCode);
        Assert.Equal("leased", leased.LeaseState);
        Assert.Equal("fixed", leased.LeaseDuration);
        Assert.Equal(0, broken.Value.LeaseTime);
        Assert.Equal(409, renewBroken.Status);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public async Task Acquire_DurationOutOfRange_ThrowsBeforeSending(int seconds)
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("unused").GetBlobClient("x");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task ContainerLease_Acquired_BlocksDeleteWithoutLeaseId()
    {
        var container = await NewContainerAsync();
        var lease = container.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.DeleteAsync());
        await container.DeleteAsync(new BlobRequestConditions { LeaseId = lease.LeaseId });

        Assert.Equal(412, error.Status);
        Assert.False(await container.ExistsAsync());
    }

    [Fact]
    public async Task LeaseLock_SecondAcquirer_GetsNothingUntilFirstDisposes()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("locks/partition-0");

        var first = await BlobLeaseLock.TryAcquireAsync(blob, new BlobLeaseLockOptions { LeaseDuration = TimeSpan.FromSeconds(15) });
        var second = await BlobLeaseLock.TryAcquireAsync(blob);
        Assert.NotNull(first);
        Assert.Null(second);
        await first.DisposeAsync();
        await using var third = await BlobLeaseLock.AcquireAsync(blob, new BlobLeaseLockOptions { RetryInterval = TimeSpan.FromMilliseconds(50) });

        Assert.False(first.IsHeld);
        Assert.True(third.IsHeld);
        Assert.Equal("leased", (await blob.GetPropertiesAsync()).Value.LeaseState);
    }

    [Fact]
    public async Task LeaseLock_Held_RenewsInBackground()
    {
        var recorder = new LeaseActionRecorder();
        var options = new BlobClientOptions();
        options.AddPolicy(recorder, HttpPipelinePosition.PerRetry);
        var container = await NewContainerAsync(options);
        var blob = container.GetBlobClient("renewed");

        await using var held = await BlobLeaseLock.AcquireAsync(blob, new BlobLeaseLockOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewInterval = TimeSpan.FromMilliseconds(50),
        });
        using var timeout = new CancellationTokenSource(Patience);
        while (recorder.Count("renew", 200) < 3)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.True(held.IsHeld);
        Assert.False(held.LeaseLost.IsCancellationRequested);
    }

    [Fact]
    public async Task LeaseLock_LeaseBrokenByOther_SignalsLeaseLost()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("broken");
        await using var held = await BlobLeaseLock.AcquireAsync(blob, new BlobLeaseLockOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewInterval = TimeSpan.FromMilliseconds(50),
        });

        await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        var lost = new TaskCompletionSource();
        using var registration = held.LeaseLost.Register(() => lost.TrySetResult());
        await lost.Task.WaitAsync(Patience);

        Assert.False(held.IsHeld);
    }

    [Fact]
    public async Task LeaseLock_MissingContainer_SurfacesContainerNotFound()
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Names.Container()).GetBlobClient("x");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => BlobLeaseLock.TryAcquireAsync(blob));

        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    /// <summary>Records each lease action the pipeline sends and the status it got.</summary>
    private sealed class LeaseActionRecorder : HttpPipelineSynchronousPolicy
    {
        private readonly List<(string Action, int Status)> _seen = [];

        public int Count(string action, int status)
        {
            lock (_seen)
            {
                return _seen.Count(s => s.Action == action && s.Status == status);
            }
        }

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Request.Headers.TryGetValue("x-ms-lease-action", out var action))
            {
                lock (_seen)
                {
                    _seen.Add((action, message.Response.Status));
                }
            }
        }
    }
}
