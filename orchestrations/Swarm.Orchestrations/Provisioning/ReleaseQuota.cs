using Swarm.Durable;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Releases a sweep's quota reservation (idempotent).</summary>
public sealed class ReleaseQuota(ComputeQuota quota) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await quota.ReleaseAsync(input, context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
