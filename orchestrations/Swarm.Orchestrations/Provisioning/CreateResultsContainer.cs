using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>Creates the sweep's results container (idempotent).</summary>
public sealed class CreateResultsContainer(StateStore store) : TaskActivity<string, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var container = StateLayout.ResultsContainer(input);
        await store.Blobs.CreateContainerAsync(container, CancellationToken.None).ConfigureAwait(false);
        return container;
    }
}
