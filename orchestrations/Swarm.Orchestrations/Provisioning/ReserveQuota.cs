using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Reserves a sweep's runs against the compute quota (idempotent).</summary>
public sealed class ReserveQuota(ComputeQuota quota) : TaskActivity<QuotaRequest, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, QuotaRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await quota.ReserveAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
