using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Backup;

/// <summary>
/// The nightly backup, registered as <c>Backup</c>: export every table to a compressed JSON-lines blob, write the
/// manifest, verify the backup by restoring it into scratch tables, apply retention, and record the outcome.
/// </summary>
/// <remarks>
/// <para>Start it with <see cref="BackupTrigger"/>, whose instance id <c>backup-yyyyMMdd</c> keeps a repeated trigger from
/// running a second backup the same day.</para>
/// <para>Only names, counts and hashes pass through history, never records. Retention runs only after verification
/// succeeds, so a bad backup never costs a good old one. A failure is recorded in the outcome table and then fails the
/// instance with the failed step's error. Replay-safe: the time comes from the context.</para>
/// <para>Tables are read while the application may keep writing, and Azure Tables has no snapshots: a record written during
/// the export may or may not be in the backup. The backup is not a point-in-time snapshot across tables.</para>
/// </remarks>
public sealed class BackupOrchestrator : TaskOrchestrator<BackupRequest?, BackupResult>
{
    /// <summary>The name the orchestrator is registered under.</summary>
    public const string Name = "Backup";

    private const int MaxExportsInFlight = 4;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    /// <inheritdoc />
    public override async Task<BackupResult> RunAsync(TaskOrchestrationContext context, BackupRequest? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        input ??= new BackupRequest();
        if (input.RetentionDays < 1)
        {
            throw new ArgumentException($"RetentionDays must be at least 1; it is {input.RetentionDays}.", nameof(input));
        }

        var backupId = input.BackupId ?? context.InstanceId;
        BackupLayout.CheckBackupId(backupId);
        var startedAt = context.CurrentUtcDateTime;
        var exports = new List<BackupTableExport>();
        try
        {
            context.SetCustomStatus("Listing tables");
            var tables = await context.CallActivityAsync<string[]>(nameof(ListTables), new ListTablesRequest(input.ExcludedTables), Retry);

            context.SetCustomStatus($"Exporting {tables.Length} tables");
            foreach (var chunk in tables.Chunk(MaxExportsInFlight))
            {
                exports.AddRange(await Task.WhenAll(chunk.Select(table =>
                    context.CallActivityAsync<BackupTableExport>(nameof(ExportTable), new ExportTableRequest(backupId, table), Retry))));
            }

            await context.CallActivityAsync<string>(nameof(WriteBackupManifest), new BackupManifestRequest(backupId, startedAt, exports), Retry);

            context.SetCustomStatus("Verifying");
            await context.CallActivityAsync<BackupVerification>(nameof(VerifyBackup), backupId);

            context.SetCustomStatus("Applying retention");
            var deleted = await context.CallActivityAsync<string[]>(nameof(ApplyBackupRetention), new BackupRetentionRequest(backupId, startedAt, input.RetentionDays), Retry);

            var rows = exports.Sum(e => e.Rows);
            await context.CallActivityAsync<bool>(nameof(RecordBackupOutcome),
                new BackupOutcome(backupId, BackupStatus.Succeeded, exports.Count, rows, deleted.Length, null, startedAt, context.CurrentUtcDateTime), Retry);
            context.SetCustomStatus("Succeeded");
            return new BackupResult(backupId, exports, rows, deleted);
        }
        catch (TaskFailedException e)
        {
            var error = $"{e.TaskName}: {e.FailureDetails.ErrorMessage}";
            await context.CallActivityAsync<bool>(nameof(RecordBackupOutcome),
                new BackupOutcome(backupId, BackupStatus.Failed, exports.Count, exports.Sum(x => x.Rows), 0, error, startedAt, context.CurrentUtcDateTime), Retry);
            context.SetCustomStatus("Failed");
            throw new InvalidOperationException($"Backup '{backupId}' failed at {error}", e);
        }
    }
}
