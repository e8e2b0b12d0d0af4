namespace Swarm.Storage.Tables;

/// <summary>How an update or upsert treats the properties already stored.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep stored properties the entity does not name (HTTP <c>MERGE</c>).</summary>
    Merge,

    /// <summary>Replace the stored entity entirely (HTTP <c>PUT</c>).</summary>
    Replace,
}
