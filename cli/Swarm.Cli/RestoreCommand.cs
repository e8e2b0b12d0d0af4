using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Backup;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm restore &lt;backup&gt;</c>: checks a backup's hashes and counts, then restores its tables into the state store.</summary>
public static class RestoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var backup = new Argument<string>("backup") { Description = "Backup id, e.g. backup-20261122." };
        var tables = new Option<string[]>("--table") { Description = "Restore only these tables (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("restore", "Restore the state store's tables from a backup (records are replaced).") { backup, tables };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var backupId = parse.GetRequiredValue(backup);
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            RestoreResult result;
            try
            {
                var only = parse.GetValue(tables);
                result = await new BackupRestorer(swarm.Store).RestoreAsync(backupId, only is { Length: > 0 } ? only : null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BackupIntegrityException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                return CliErrors.Report(console, $"cannot restore '{backupId}'", [e.Message]);
            }

            foreach (var table in result.Tables)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"restored [blue]{table.Table}[/]: {table.Rows} records"));
            }

            return 0;
        });
        return command;
    }
}
