using Azure;
using Swarm.Storage.Tables;

namespace Swarm.Storage.Tests;

/// <summary>A typed entity with one property of every supported Edm type.</summary>
public sealed class SampleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Text { get; set; }

    public int Count { get; set; }

    public long Big { get; set; }

    public double Ratio { get; set; }

    public bool Flag { get; set; }

    public Guid Id { get; set; }

    public DateTime When { get; set; }

    public DateTimeOffset? Offset { get; set; }

    public byte[]? Bytes { get; set; }

    public SampleColour Colour { get; set; }

    public int? Missing { get; set; }
}
