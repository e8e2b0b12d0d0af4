using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Sets a sweep record's status (no-op when the sweep was never registered).</summary>
public sealed class SetSweepStatus(StateStore store, TimeProvider clock) : TaskActivity<SweepStatusUpdate, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, SweepStatusUpdate input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var existing = await SweepRecord.ReadAsync(store.Records, input.SweepId, CancellationToken.None).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        await (existing with { Status = input.Status, Error = input.Error, UpdatedAt = clock.GetUtcNow() })
            .WriteAsync(store.Records, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
