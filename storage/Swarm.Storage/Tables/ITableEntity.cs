using Azure;

namespace Swarm.Storage.Tables;

/// <summary>The system properties every table entity has; typed entities implement this.</summary>
/// <remarks>
/// A typed entity's other public read/write properties of a supported type (string, bool, int, long,
/// double, Guid, DateTime, DateTimeOffset, byte[], BinaryData, enums as strings, and their nullable
/// forms) are stored as columns of the same name.
/// </remarks>
public interface ITableEntity
{
    /// <summary>The partition key.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last modified the entity; set by the service.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version, for optimistic concurrency (<c>If-Match</c>).</summary>
    ETag ETag { get; set; }
}
