namespace Swarm.Storage.Tables;

/// <summary>What one action of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 when the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity, with <c>If-Match</c>.</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity, with <c>If-Match</c>.</summary>
    UpdateReplace,

    /// <summary>Delete, with <c>If-Match</c>.</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
