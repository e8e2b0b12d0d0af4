namespace Swarm.Durable;

/// <summary>One page of query results.</summary>
/// <param name="Instances">The instances, oldest first.</param>
/// <param name="ContinuationToken">Pass to the next query for the next page; null on the last page.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
