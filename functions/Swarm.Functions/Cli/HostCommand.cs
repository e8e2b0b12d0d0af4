using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.DurableClient;
using Swarm.Functions.Hosting;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;
using Swarm.Storage;

namespace Swarm.Functions.Cli;

/// <summary>
/// <c>swarm host</c>: the custom-handler web server the Azure Functions host starts (<c>host.json</c>:
/// <c>customHandler.description.arguments: ["host"]</c>), on 127.0.0.1:<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.
/// </summary>
/// <remarks>
/// <para>Callers authenticate with Entra ID bearer tokens (<c>Auth__Authority</c>, <c>Auth__Audience</c>); there is no local
/// signing key here.</para>
/// <para><c>--durable extension</c> (the default when no backend option is given): the Functions host's Durable
/// extension runs the orchestrations and owns the task hub. No durable worker runs in this process; the HTTP, Service
/// Bus and timer functions start and manage instances with the SDK's gRPC client at the extension's endpoint each
/// invocation's <c>durableClient</c> binding gives (<see cref="ExtensionDurableTaskClient"/>); the state store is Azure Storage
/// from the <c>SwarmState__*</c> settings (<see cref="StorageConnection.FromSettings(Func{string, string}, string)"/>).</para>
/// <para><c>--durable embedded</c> (the default when <c>--data</c>, <c>--store</c>, <c>--connection</c> or
/// <c>--task-hub</c> is given): for running the handler by hand or in tests, the durable client, an in-process worker
/// and the state store come from the backend options, as for <c>swarm serve</c>; binding values are ignored.</para>
/// <para>Request limits come from the <see cref="RequestLimits"/> settings in both modes; a malformed one stops the
/// command with exit code 2, naming it.</para>
/// </remarks>
public static class HostCommand
{
    /// <summary>The <c>--durable</c> value for the Functions host's Durable extension.</summary>
    public const string ExtensionMode = "extension";

    /// <summary>The <c>--durable</c> value for the in-process durable runtime on the backend options' backend.</summary>
    public const string EmbeddedMode = "embedded";

    /// <summary>The connection name of the state store's settings in extension mode (<c>SwarmState__*</c>).</summary>
    public const string StateConnectionName = "SwarmState";

    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(console);
        var port = new Option<int?>("--port") { Description = $"Port on 127.0.0.1 (default: ${CustomHandlerServer.PortSetting}, set by the Functions host)." };
        var durable = new Option<string?>("--durable")
        {
            Description = "extension: orchestrations run in the Functions host's Durable extension, reached through each invocation's durableClient binding, "
                + "state from the SwarmState__* settings (the default without backend options); embedded: an in-process worker on the --data/--store backend "
                + "(the default when one is given; for local testing).",
        };
        durable.AcceptOnlyFromAmong(ExtensionMode, EmbeddedMode);
        var command = new Command("host", "Serve the Azure Functions custom-handler protocol (started by the Functions host).") { port, durable };
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

            var problems = new List<string>();
            var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var limits = StartupSettings.Check(settings, problems);
            if (problems.Count > 0)
            {
                return CliErrors.Report(console, "bad configuration", problems);
            }

            var mode = parse.GetValue(durable) ?? (backend.IsGiven(parse) ? EmbeddedMode : ExtensionMode);
            var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosen}");
            if (mode == EmbeddedMode)
            {
                await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
                return swarm is null
                    ? CliErrors.InputError
                    : await ServeAsync(Options(swarm.Client, swarm.Store, catalog, limits), url, console, cancellationToken).ConfigureAwait(false);
            }

            if (backend.IsGiven(parse))
            {
                return CliErrors.Report(console, "--durable extension takes no backend options", ["The Durable extension owns the task hub; drop --data/--store/--connection/--task-hub or pass --durable embedded."]);
            }

            StateStore store;
            try
            {
                store = AzureStateStore.Open(StorageConnection.FromSettings(Environment.GetEnvironmentVariable, StateConnectionName));
            }
            catch (FormatException e)
            {
                return CliErrors.Report(console, "no state store settings", [e.Message, $"Set {StateConnectionName}__tableServiceUri and {StateConnectionName}__blobServiceUri (or {StateConnectionName}__accountName), or pass --durable embedded."]);
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
            return await ServeAsync(Options(client, store, catalog, limits), url, console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static FunctionAppOptions Options(DurableTaskClient client, StateStore store, ModelCatalog catalog, RequestLimits limits) => new()
    {
        Client = client,
        Store = store,
        Catalog = catalog,
        RateLimitPermits = limits.RateLimitPermitsPerMinute,
        RateLimitWindow = TimeSpan.FromMinutes(1),
        MaxRequestBodyBytes = limits.MaxRequestBodyBytes,
    };

    private static async Task<int> ServeAsync(FunctionAppOptions options, string url, IAnsiConsole console, CancellationToken cancellationToken)
    {
        CustomHandlerServer server;
        try
        {
            server = await CustomHandlerServer.CreateAsync(options, url, cancellationToken: cancellationToken).ConfigureAwait(false);
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
