namespace Swarm.Storage.Blobs;

/// <summary>What a delete does with a blob's snapshots.</summary>
public enum DeleteSnapshotsOption
{
    /// <summary>Delete the blob; fails with 409 <c>SnapshotsPresent</c> if it has snapshots.</summary>
    None,

    /// <summary>Delete the blob and its snapshots.</summary>
    IncludeSnapshots,

    /// <summary>Delete only the snapshots, keeping the blob.</summary>
    OnlySnapshots,
}
