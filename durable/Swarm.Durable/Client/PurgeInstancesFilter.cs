using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>Which finished instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after this time.</param>
/// <param name="CreatedTo">Created before this time.</param>
/// <param name="Statuses">Only these (finished) statuses; null for every finished status.</param>
public sealed record PurgeInstancesFilter(DateTime? CreatedFrom = null, DateTime? CreatedTo = null, IReadOnlyCollection<OrchestrationStatus>? Statuses = null);
