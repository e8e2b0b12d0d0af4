using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Cli;

/// <summary>
/// <c>swarm host</c>: the custom-handler web server the Azure Functions host starts (<c>host.json</c>:
/// <c>customHandler.description.arguments: ["host"]</c>), on 127.0.0.1:<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.
/// </summary>
/// <remarks>
/// Callers authenticate with Entra ID bearer tokens (<c>Auth__Authority</c>, <c>Auth__Audience</c>); there is no local
/// signing key here. The durable client and state store come from the backend options (embedded by default).
/// </remarks>
public static class HostCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(console);
        var port = new Option<int?>("--port") { Description = $"Port on 127.0.0.1 (default: ${CustomHandlerServer.PortSetting}, set by the Functions host)." };
        var command = new Command("host", "Serve the Azure Functions custom-handler protocol (started by the Functions host).") { port };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(port);
            if (chosen is null)
            {
                var text = Environment.GetEnvironmentVariable(CustomHandlerServer.PortSetting);
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromHost))
                {
                    return CliErrors.Report(console, "no port", [$"{CustomHandlerServer.PortSetting} is '{text}'; the Functions host sets it. Pass --port to run by hand."]);
                }

                chosen = fromHost;
            }

            if (chosen is < 0 or > 65535)
            {
                return CliErrors.Report(console, "bad port", [$"The port is {chosen}; expected 0-65535."]);
            }

            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            CustomHandlerServer server;
            try
            {
                server = await CustomHandlerServer.CreateAsync(
                    new FunctionAppOptions { Client = swarm.Client, Store = swarm.Store, Catalog = catalog },
                    string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosen}"),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                return CliErrors.Report(console, "cannot start the custom handler", [e.Message]);
            }

            await using (server.ConfigureAwait(false))
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                console.MarkupLine($"custom handler listening on [blue]{string.Join(", ", server.Urls).EscapeMarkup()}[/]");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The host stops the process: finish invocations in progress below.
                }

                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }
}
