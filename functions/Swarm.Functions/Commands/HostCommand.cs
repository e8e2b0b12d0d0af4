using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.DurableClient;
using Swarm.Functions.Hosting;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Commands;

/// <summary>
/// <c>host</c>: the custom-handler web server the Azure Functions host starts (<c>host.json</c>:
/// <c>customHandler.description.arguments: ["host"]</c>), on 127.0.0.1:<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.
/// </summary>
/// <remarks>
/// <para>Callers authenticate with Entra ID bearer tokens (<c>Auth__Authority</c>, <c>Auth__Audience</c>); there is no local
/// signing key here.</para>
/// <para>The Functions host's Durable extension runs the orchestrations and owns the task hub. No durable worker runs in
/// this process; the HTTP, Service Bus and timer functions start and manage instances with the SDK's gRPC client at the
/// extension's endpoint each invocation's <c>durableClient</c> binding gives (<see cref="ExtensionDurableTaskClient"/>);
/// the state store is Azure Storage from the <c>SwarmState__*</c> settings
/// (<see cref="AzureConnection.FromConfiguration"/>: the Azure SDK clients, built from the settings as the Functions host builds its own). <c>swarm host</c> serves the same
/// handler over a local task hub, for running it by hand or in tests.</para>
/// <para>Request limits come from the <see cref="RequestLimits"/> settings; a malformed one stops the command with exit
/// code 2, naming it.</para>
/// </remarks>
public static class HostCommand
{
    /// <summary>The connection name of the state store's settings (<c>SwarmState__*</c>).</summary>
    public const string StateConnectionName = "SwarmState";

    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(console);
        var port = PortOption();
        var command = new Command("host", "Serve the Azure Functions custom-handler protocol (started by the Functions host; its Durable extension owns the task hub).") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Check(parse, port, console) is not { } startup)
            {
                return CliErrors.InputError;
            }

            StateStore store;
            try
            {
                store = AzureStateStore.Open(AzureConnection.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build(), StateConnectionName));
            }
            catch (FormatException e)
            {
                return CliErrors.Report(console, "no state store settings", [e.Message, $"Set {StateConnectionName}__tableServiceUri and {StateConnectionName}__blobServiceUri (or {StateConnectionName}__accountName), or run 'swarm host' over a local task hub."]);
            }

            try
            {
                await StateLayout.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
            {
                return CliErrors.Report(console, "cannot reach the state store", [e.Message, $"Check the {StateConnectionName}__* settings and the identity's roles on the account."]);
            }

            await using var client = new ExtensionDurableTaskClient();
            return await ServeAsync(client, store, catalog, startup, console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The <c>--port</c> option of a <c>host</c> command.</summary>
    public static Option<int?> PortOption() => new Option<int?>("--port") { Description = $"Port on 127.0.0.1 (default: ${CustomHandlerServer.PortSetting}, set by the Functions host)." }.Within(0, 65535);

    /// <summary>
    /// Checks the port (<paramref name="port"/>, else <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) and the app settings in the
    /// environment (<see cref="StartupSettings"/>); reports every problem (exit code 2) and returns null, or returns
    /// what the server starts with.
    /// </summary>
    public static HostStartup? Check(ParseResult parse, Option<int?> port, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(console);
        var chosen = parse.GetValue(port);
        if (chosen is null)
        {
            var text = Environment.GetEnvironmentVariable(CustomHandlerServer.PortSetting);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromHost))
            {
                CliErrors.Report(console, "no port", [$"{CustomHandlerServer.PortSetting} is '{text}'; the Functions host sets it. Pass --port to run by hand."]);
                return null;
            }

            chosen = fromHost;
        }

        if (chosen is < 0 or > 65535)
        {
            CliErrors.Report(console, "bad port", [$"The port is {chosen}; expected 0-65535."]);
            return null;
        }

        var problems = new List<string>();
        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var limits = StartupSettings.Check(settings, problems);
        if (problems.Count > 0)
        {
            CliErrors.Report(console, "bad configuration", problems);
            return null;
        }

        return new HostStartup(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosen}"), limits);
    }

    /// <summary>
    /// Runs the custom-handler server over <paramref name="client"/> and <paramref name="store"/> until Ctrl+C
    /// (<paramref name="cancellationToken"/>) or SIGTERM; returns the exit code.
    /// </summary>
    public static async Task<int> ServeAsync(DurableTaskClient client, StateStore store, ModelCatalog catalog, HostStartup startup, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(console);
        var options = new FunctionAppOptions
        {
            Client = client,
            Store = store,
            Catalog = catalog,
            RateLimitPermits = startup.Limits.RateLimitPermitsPerMinute,
            RateLimitWindow = TimeSpan.FromMinutes(1),
            MaxRequestBodyBytes = startup.Limits.MaxRequestBodyBytes,
        };
        CustomHandlerServer server;
        try
        {
            // Under the Functions host the handler's console is collected as logs: one JSON entry a line keeps them structured.
            server = await CustomHandlerServer.CreateAsync(options, startup.Url, args: ServiceLogging.Arguments(verbose: false, json: true), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return CliErrors.Report(console, "cannot start the custom handler", [e.Message]);
        }

        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            console.MarkupLine($"custom handler listening on [blue]{string.Join(", ", server.Urls).EscapeMarkup()}[/]");

            // The command line's token covers Ctrl+C; the server's own lifetime covers SIGTERM. Either stops it after
            // the invocations in progress finish.
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }
}
