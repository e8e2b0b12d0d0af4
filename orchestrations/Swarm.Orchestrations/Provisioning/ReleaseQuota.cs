using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Releases a sweep's quota reservation (idempotent).</summary>
public sealed class ReleaseQuota(ComputeQuota quota) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await quota.ReleaseAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
