using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Writes the sweep's record as <see cref="SweepStatus.Registered"/>, keeping its creation time when re-registered.</summary>
public sealed class RegisterSweep(StateStore store, TimeProvider clock) : TaskActivity<RegisterSweepRequest, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RegisterSweepRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var existing = await SweepRecord.ReadAsync(store.Records, input.SweepId, CancellationToken.None).ConfigureAwait(false);
        await new SweepRecord(input.SweepId, input.Model, input.Runs, input.Points, SweepStatus.Registered, existing?.CreatedAt ?? now, now, null)
            .WriteAsync(store.Records, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
