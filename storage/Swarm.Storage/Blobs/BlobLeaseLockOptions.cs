namespace Swarm.Storage.Blobs;

/// <summary>How a <see cref="BlobLeaseLock"/> holds its lease.</summary>
public sealed class BlobLeaseLockOptions
{
    /// <summary>The lease duration, 15-60 seconds. Default 30 s: a crashed holder frees the lock within this time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the lease is renewed; default a third of <see cref="LeaseDuration"/>, so two renewals may fail before it lapses.</summary>
    public TimeSpan? RenewInterval { get; set; }

    /// <summary>How long <see cref="BlobLeaseLock.AcquireAsync"/> waits between attempts while another holds the lock. Default 1 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The lease id to propose, or a new GUID.</summary>
    public string? LeaseId { get; set; }
}
