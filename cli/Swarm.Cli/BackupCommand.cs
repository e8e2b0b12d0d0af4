using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Backup;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// <c>swarm backup</c>: runs today's Backup orchestration (instance <c>backup-yyyyMMdd</c>) on the
/// embedded backend and waits for it — the same orchestration the nightly timer starts.
/// </summary>
public static class BackupCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var retention = new Option<int>("--retention-days") { Description = "Delete backups older than this.", DefaultValueFactory = _ => 30 };
        retention.AtLeast(1);
        var command = new Command("backup", "Back up every table of the state store (verified, with retention).") { retention };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var start = await BackupTrigger.StartAsync(swarm.Client, DateTime.UtcNow, new BackupRequest(parse.GetValue(retention)), cancellationToken).ConfigureAwait(false);
            if (!start.Started)
            {
                console.MarkupLine($"backup [blue]{start.InstanceId}[/] already exists ({start.ExistingStatus}); not run twice.");
            }

            var metadata = await swarm.Client.WaitForInstanceCompletionAsync(start.InstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                console.MarkupLine($"[red]backup {start.InstanceId} {metadata.RuntimeStatus.ToString().ToLowerInvariant()}[/]: {(metadata.FailureDetails?.ToString() ?? string.Empty).EscapeMarkup()}");
                return 1;
            }

            var result = metadata.ReadOutputAs<BackupResult>()!;
            var table = new Table().Title($"backup {result.BackupId}").AddColumns(new TableColumn("table"), new TableColumn("rows").RightAligned(), new TableColumn("bytes").RightAligned(), new TableColumn("sha-256"));
            foreach (var export in result.Tables)
            {
                table.AddRow(export.Table, export.Rows.ToString(CultureInfo.InvariantCulture), export.Bytes.ToString(CultureInfo.InvariantCulture), export.Sha256[..16] + "…");
            }

            console.Write(table);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]verified[/]: {result.TotalRows} rows; retention deleted {result.DeletedBackups.Count} old backup(s)."));
            console.MarkupLine($"backup written to [blue]{swarm.Store.Blobs.Locate(BackupLayout.Container, BackupLayout.Folder(result.BackupId)).EscapeMarkup()}[/]; restore it with 'swarm restore {result.BackupId.EscapeMarkup()}'.");
            return 0;
        });
        return command;
    }
}
