namespace Swarm.Orchestrations.State;

/// <summary>The embedded state store: records in <c>state.db</c> (SQLite) and blobs under <c>blobs/</c> of one folder.</summary>
public static class EmbeddedStateStore
{
    /// <summary>Opens (creating if needed) the store kept in <paramref name="folder"/>.</summary>
    public static StateStore Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return new StateStore(new SqliteRecordStore(Path.Combine(folder, "state.db")), new FolderBlobStore(Path.Combine(folder, "blobs")));
    }
}
