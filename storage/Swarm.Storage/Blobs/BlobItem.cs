namespace Swarm.Storage.Blobs;

/// <summary>A blob as a listing returns it.</summary>
/// <param name="Name">The blob name.</param>
/// <param name="Snapshot">The snapshot time stamp, or <see langword="null"/> for the base blob.</param>
/// <param name="Properties">Its properties (and metadata when asked for).</param>
public sealed record BlobItem(string Name, string? Snapshot, BlobProperties Properties);
