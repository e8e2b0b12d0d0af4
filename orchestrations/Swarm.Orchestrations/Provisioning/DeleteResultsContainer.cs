using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Deletes the sweep's results container and its result rows (idempotent): the undo of creating them.</summary>
public sealed class DeleteResultsContainer(StateStore store) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await store.Blobs.DeleteContainerAsync(StateLayout.ResultsContainer(input), CancellationToken.None).ConfigureAwait(false);
        await foreach (var row in store.Records.QueryAsync(StateLayout.SweepResults, input, CancellationToken.None).ConfigureAwait(false))
        {
            await store.Records.DeleteAsync(row.Table, row.PartitionKey, row.RowKey, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }
}
