namespace Swarm.Durable;

/// <summary>Options for one activity or sub-orchestration call.</summary>
/// <param name="Retry">The retry policy, or null for a single attempt.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
