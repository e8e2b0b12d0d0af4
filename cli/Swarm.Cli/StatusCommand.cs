using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Provisioning;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm status &lt;id&gt;</c>: an orchestration's runtime status, progress and timings, and the sweep record when it is a sweep.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var id = new Argument<string>("id") { Description = "Instance id (a sweep id, or a run's instance id)." };
        var command = new Command("status", "Show the status of a sweep or run.") { id };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var instanceId = parse.GetRequiredValue(id);
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var metadata = await swarm.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var record = await SweepRecord.ReadAsync(swarm.Store.Records, instanceId, cancellationToken).ConfigureAwait(false);
            if (metadata is null && record is null)
            {
                return CliErrors.Report(console, "not found", [$"No sweep or run '{instanceId}'."]);
            }

            var table = new Table().AddColumns("field", "value");
            if (metadata is not null)
            {
                table.AddRow("orchestration", metadata.Name.EscapeMarkup());
                table.AddRow("status", metadata.RuntimeStatus.ToString());
                table.AddRow("created", metadata.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
                table.AddRow("updated", metadata.LastUpdatedAt.ToString("u", CultureInfo.InvariantCulture));
                if (metadata.IsCompleted && metadata.LastUpdatedAt is var completed)
                {
                    table.AddRow("took", (completed - metadata.CreatedAt).ToString("g", CultureInfo.InvariantCulture));
                }

                var sweep = await swarm.Client.GetInstanceAsync($"{instanceId}:sweep", getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                var progress = sweep?.SerializedCustomStatus ?? metadata.SerializedCustomStatus;
                if (progress is not null)
                {
                    table.AddRow("progress", progress.EscapeMarkup());
                }

                if (metadata.FailureDetails is { } failure)
                {
                    table.AddRow("failure", failure.ToString().EscapeMarkup());
                }
            }

            if (record is not null)
            {
                table.AddRow("sweep", string.Create(CultureInfo.InvariantCulture, $"{record.Status} ({record.Model}, {record.Points} points, {record.Runs} runs)").EscapeMarkup());
                if (record.Error is not null)
                {
                    table.AddRow("reason", record.Error.EscapeMarkup());
                }
            }

            console.Write(table);
            return 0;
        });
        return command;
    }
}
