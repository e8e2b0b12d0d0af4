using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>A filter over instances, with paging.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only these statuses; null or empty for all.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only this orchestrator name (case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instance ids starting with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size (1-1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended; null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
