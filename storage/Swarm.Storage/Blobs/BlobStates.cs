namespace Swarm.Storage.Blobs;

/// <summary>Which extra blobs and details a listing includes.</summary>
[Flags]
public enum BlobStates
{
    /// <summary>Base blobs only, without metadata.</summary>
    None = 0,

    /// <summary>Include snapshots.</summary>
    Snapshots = 1,

    /// <summary>Include each blob's metadata.</summary>
    Metadata = 2,
}
