using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Provisioning;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm cancel &lt;id&gt;</c>: terminates a sweep and compensates (releases its quota, marks it cancelled).</summary>
public static class CancelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var id = new Argument<string>("id") { Description = "Sweep id." };
        var reason = new Option<string>("--reason") { Description = "Why; recorded on the sweep.", DefaultValueFactory = _ => "cancelled from the command line" };
        var command = new Command("cancel", "Cancel a sweep: terminate its orchestrations and release its quota.") { id, reason };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = parse.GetRequiredValue(id);
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var cancellation = new SweepCancellation(swarm.Client, swarm.Store, new ComputeQuota(swarm.Store, new ComputeQuotaOptions()), TimeProvider.System);
            if (!await cancellation.CancelAsync(sweepId, parse.GetRequiredValue(reason), cancellationToken).ConfigureAwait(false))
            {
                return CliErrors.Report(console, "not found", [$"No sweep '{sweepId}'."]);
            }

            console.MarkupLine($"sweep [blue]{sweepId.EscapeMarkup()}[/] cancelled.");
            return 0;
        });
        return command;
    }
}
