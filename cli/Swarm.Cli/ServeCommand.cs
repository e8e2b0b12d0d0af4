using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Functions.Hosting;
using Swarm.Functions.Http;
using Swarm.Functions.Intake;
using Swarm.Functions.Timers;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// <c>swarm serve</c>: runs the function app on this machine the way the Functions host would — the HTTP functions on
/// localhost, the local job queue and the timers — on the embedded or Azurite backend, and with
/// <c>--servicebus &lt;namespace&gt;</c> the jobs queue of a real Service Bus namespace (<see cref="ServiceBusIntake"/>); and
/// <c>swarm token</c>, which mints a bearer token for it.
/// </summary>
/// <remarks>
/// <para>Tokens are signed with the data folder's key (<see cref="LocalSigningKey"/>, created on first use, issuer
/// <c>swarm-local</c>). <c>serve</c> prints one with every role; <c>swarm token --role Swarm.Read</c> mints narrower
/// ones. There is no anonymous mode.</para>
/// <para>Settings come from the environment (<see cref="RequestLimits"/>, the timers' and the intake's settings) and are
/// checked before anything starts: a malformed one is reported by name with exit code 2. <c>--rate-limit</c> and
/// <c>--max-body-bytes</c> override the limit settings.</para>
/// </remarks>
public static class ServeCommand
{
    /// <summary>How long a printed token is valid by default.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>Builds <c>swarm serve</c>.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 7071 };
        var rateLimit = new Option<int?>("--rate-limit")
        {
            Description = $"Requests per caller per minute (default: ${RequestLimits.EnvironmentName(RequestLimits.RateLimitSetting)}, else {RequestLimits.DefaultRateLimitPermitsPerMinute}).",
        };
        var maxBody = new Option<long?>("--max-body-bytes")
        {
            Description = $"Largest request body in bytes (default: ${RequestLimits.EnvironmentName(RequestLimits.MaxRequestBodySetting)}, else {RequestLimits.DefaultMaxRequestBodyBytes}).",
        };
        port.Within(0, 65535);
        rateLimit.Within(1, RequestLimits.MaxRateLimitPermitsPerMinute);
        maxBody.Within(RequestLimits.MinRequestBodyBytes, RequestLimits.MaxRequestBodyBytesCeiling);
        var serviceBus = new Option<string?>("--servicebus")
        {
            Description = "Also take jobs from this Service Bus namespace's jobs queue (e.g. contoso.servicebus.windows.net; signed in with DefaultAzureCredential or the ServiceBusConnection__* settings).",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log everything the app and the framework log (default: one line per request, warnings and errors)." };
        var command = new Command("serve", "Run the function app locally: HTTP API on localhost, local job queue, timers.") { port, rateLimit, maxBody, serviceBus, verbose };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The app reads its settings from the environment; checking them here reports every bad one by name
            // instead of letting the first stop the host half-started.
            var problems = new List<string>();
            var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var limits = StartupSettings.Check(settings, problems);

            if (problems.Count > 0)
            {
                return CliErrors.Report(console, "bad configuration", problems);
            }

            var data = parse.GetValue<string>("--data") ?? LocalSwarm.DefaultDataFolder;
            LocalSigningKey key;
            try
            {
                key = LocalSigningKey.OpenOrCreate(data);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(console, "no signing key", [e.Message]);
            }

            using (key)
            {
                await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
                if (swarm is null)
                {
                    return CliErrors.InputError;
                }

                var options = new FunctionAppOptions
                {
                    Client = swarm.Client,
                    Store = swarm.Store,
                    Catalog = catalog,
                    LocalSigningKey = key.Key,
                    Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{parse.GetValue(port)}")],
                    RateLimitPermits = parse.GetValue(rateLimit) ?? limits.RateLimitPermitsPerMinute,
                    RateLimitWindow = TimeSpan.FromMinutes(1),
                    MaxRequestBodyBytes = parse.GetValue(maxBody) ?? limits.MaxRequestBodyBytes,
                };
                await using var app = await FunctionApp.CreateAsync(
                    options,
                    (services, configuration) =>
                    {
                        services.AddSingleton(swarm.Client);
                        services.AddSingleton(swarm.Store);
                        services.AddSwarmBackgroundFunctions(configuration);
                        if (parse.GetValue(serviceBus) is { } busNamespace)
                        {
                            services.AddSwarmServiceBusIntake(configuration, ServiceBusJobMessage.FullyQualifiedNamespace(busNamespace));
                        }
                    },
                    [.. LocalQueueSettings(parse, data), .. ServiceLogging.Arguments(parse.GetValue(verbose), json: false)],
                    cancellationToken).ConfigureAwait(false);
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    return CliErrors.Report(console, $"cannot listen on port {parse.GetValue(port)}", [e.Message, "Choose another --port (0 picks a free one)."]);
                }
                catch (InvalidTimerScheduleException e)
                {
                    // A schedule from a configuration source the check above does not read (appsettings.json).
                    return CliErrors.Report(console, "bad configuration", [e.Message]);
                }

                foreach (var url in app.Urls)
                {
                    console.MarkupLine($"listening on [blue]{url.EscapeMarkup()}[/] (API under /api, Durable management under /runtime/webhooks/durabletask)");
                }

                var token = key.Mint("local-dev", SwarmRoles.All, DefaultTokenLifetime);
                // The token rides in the fragment, which the browser keeps to itself: it never reaches a server log.
                console.MarkupLine("dashboard (signs in with the token below):");
                console.Profile.Out.Writer.WriteLine($"{app.Urls.First()}{DashboardFunction.Path}#token={token}");
                console.MarkupLine($"bearer token ({string.Join(", ", SwarmRoles.All)}; valid {DefaultTokenLifetime.TotalHours:0} h):");
                // Straight to the writer: the console would wrap the token at its width.
                console.Profile.Out.Writer.WriteLine(token);
                console.MarkupLine("narrower tokens: [grey]swarm token --role Swarm.Read[/] (same --data). Ctrl+C stops.");
                // Ctrl+C or SIGTERM reaches either the command line's token or the host's own console lifetime;
                // this returns on both and stops the host (hosted services included) before the backend is disposed.
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    /// <summary>Builds <c>swarm token</c>: prints a bearer token signed with the data folder's key.</summary>
    public static Command CreateToken(IAnsiConsole console)
    {
        var roles = new Option<string[]>("--role") { Description = "A role to grant (repeatable): Swarm.Read, Swarm.Write, Swarm.Admin. Default: all.", AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "Who the token names (audit log, rate limits).", DefaultValueFactory = _ => "local-dev" };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => DefaultTokenLifetime.TotalHours }.Within(0, 720);
        var data = new Option<string>("--data") { Description = "Data folder holding the signing key.", DefaultValueFactory = _ => LocalSwarm.DefaultDataFolder }.Folder();
        var command = new Command("token", "Print a bearer token for 'swarm serve'.") { roles, subject, hours, data };
        command.SetAction(parse =>
        {
            var granted = parse.GetValue(roles) is { Length: > 0 } given ? given : [.. SwarmRoles.All];
            var problems = granted.Where(r => !SwarmRoles.All.Contains(r, StringComparer.Ordinal)).Select(r => $"--role {r}: not one of {string.Join(", ", SwarmRoles.All)}.").ToList();
            var lifetime = parse.GetValue(hours);
            if (!(lifetime > 0 && lifetime <= 24 * 30))
            {
                problems.Add("--hours: more than 0, at most 720.");
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(subject)))
            {
                problems.Add("--subject: required.");
            }

            if (problems.Count > 0)
            {
                return CliErrors.Report(console, "cannot mint the token", problems);
            }

            try
            {
                using var key = LocalSigningKey.OpenOrCreate(parse.GetRequiredValue(data));
                console.Profile.Out.Writer.WriteLine(key.Mint(parse.GetRequiredValue(subject), granted.Distinct(StringComparer.Ordinal), TimeSpan.FromHours(lifetime)));
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(console, "no signing key", [e.Message]);
            }
        });
        return command;
    }

    private static string[] LocalQueueSettings(ParseResult parse, string data)
    {
        // The local queue lives where the backend does: the same data folder, or the same storage account.
        if (parse.GetValue<string>("--store") != "azure")
        {
            return [$"--{BackgroundFunctionsServiceCollectionExtensions.LocalQueueDataSetting}={data}"];
        }

        var connection = parse.GetValue<string?>("--connection") ?? Environment.GetEnvironmentVariable(BackendOptions.ConnectionVariable);
        return [$"--{BackgroundFunctionsServiceCollectionExtensions.LocalQueueStoreSetting}=azure", $"--{BackgroundFunctionsServiceCollectionExtensions.LocalQueueConnectionSetting}={connection}"];
    }
}
