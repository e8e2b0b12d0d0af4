using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Activity: streams one table into its gzip JSON-lines blob; returns its row count and SHA-256, never its records.</summary>
/// <remarks>Idempotent: a retry rewrites the same blob.</remarks>
public sealed class ExportTable(StateStore store) : TaskActivity<ExportTableRequest, BackupTableExport>
{
    /// <inheritdoc />
    public override Task<BackupTableExport> RunAsync(TaskActivityContext context, ExportTableRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BackupArchive(store).ExportTableAsync(input.BackupId, input.Table, CancellationToken.None);
    }
}
