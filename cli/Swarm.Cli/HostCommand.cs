using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;
using FunctionAppHost = Swarm.Functions.Commands.HostCommand;

namespace Swarm.Cli;

/// <summary>
/// <c>swarm host</c>: the function app's custom-handler server (<see cref="Functions.CustomHandler.CustomHandlerServer"/>,
/// as the function app's own <c>host</c> serves it to the Functions host) over a local task hub, for running the handler
/// by hand or in tests: the durable client, an in-process worker and the state store come from the backend options, as
/// for <c>swarm serve</c>; <c>durableClient</c> binding values are ignored.
/// </summary>
/// <remarks>
/// Callers authenticate with Entra ID bearer tokens (<c>Auth__Authority</c>, <c>Auth__Audience</c>), as in Azure. The port
/// and the settings are checked as the function app's <c>host</c> checks them; a bad one stops the command with exit code 2.
/// </remarks>
public static class HostCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(console);
        var port = FunctionAppHost.PortOption();
        var command = new Command("host", "Serve the Azure Functions custom-handler protocol over a local task hub (--data/--store), for testing the handler by hand.") { port };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (FunctionAppHost.Check(parse, port, console) is not { } startup)
            {
                return CliErrors.InputError;
            }

            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            return swarm is null
                ? CliErrors.InputError
                : await FunctionAppHost.ServeAsync(swarm.Client, swarm.Store, catalog, startup, console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
