using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarm.Functions.Hosting;
using Swarm.Functions.Intake;
using Swarm.Functions.Publishing;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// The custom-handler web server the Functions host starts (the function app's <c>host</c>; <c>swarm host</c> over a local task hub): <c>POST /{FunctionName}</c> for every
/// function of <see cref="FunctionManifest.Deployed"/>, each invocation run by <see cref="FunctionInvoker"/>.
/// </summary>
/// <remarks>
/// <para>Two ASP.NET Core apps: this server, which only speaks the invocation protocol on 127.0.0.1, and the function
/// app of <see cref="FunctionApp"/>, built but never started, whose services the functions and activities are created
/// from and whose request pipeline every HTTP trigger runs through. The function app's hosted services (local queue
/// pump, local timers) are therefore never started: in Azure the host delivers messages and fires timers.</para>
/// <para>The durable client is <see cref="FunctionAppOptions.Client"/>: under the Functions host a
/// <see cref="DurableClient.ExtensionDurableTaskClient"/>, which <see cref="FunctionInvoker"/> binds from each invocation's
/// <c>durableClient</c> value so instances are started and managed in the Durable extension's task hub; for local runs
/// and tests, the client of a local task hub with its own worker.</para>
/// <para>Answers: 200 with <c>{"Outputs", "Logs", "ReturnValue"}</c>; 500 with the same shape when the function failed;
/// 400 (ProblemDetails) for an invocation that is not readable; 404 (ProblemDetails) for an unknown function or path.</para>
/// </remarks>
public sealed class CustomHandlerServer : IAsyncDisposable
{
    /// <summary>The environment variable the host passes the port in.</summary>
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    private readonly WebApplication _server;
    private readonly WebApplication _functionApp;

    private CustomHandlerServer(WebApplication server, WebApplication functionApp, FunctionInvoker invoker)
    {
        _server = server;
        _functionApp = functionApp;
        Invoker = invoker;
    }

    /// <summary>The invoker behind the endpoints.</summary>
    public FunctionInvoker Invoker { get; }

    /// <summary>The addresses the server listens on, once started.</summary>
    public ICollection<string> Urls => _server.Urls;

    /// <summary>The function app's services (the backend, the workflows' services).</summary>
    public IServiceProvider Services => _functionApp.Services;

    /// <summary>Builds the server (not started) listening on <paramref name="url"/>, over the function app made from <paramref name="options"/>.</summary>
    public static async Task<CustomHandlerServer> CreateAsync(
        FunctionAppOptions options,
        string url,
        Action<IServiceCollection, IConfiguration>? configureServices = null,
        string[]? args = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var functions = FunctionManifest.Deployed();
        var registry = FunctionManifest.DeployedRegistry();
        var functionApp = await FunctionApp.CreateAsync(
            options,
            (services, configuration) =>
            {
                AddFunctionServices(services, configuration, options);
                configureServices?.Invoke(services, configuration);
            },
            args,
            cancellationToken).ConfigureAwait(false);
        try
        {
            // FunctionApp maps its endpoints after UseRouting and leaves the endpoint middleware to the host's start-up,
            // which never runs for this in-process pipeline.
            functionApp.UseEndpoints(_ => { });
            var pipeline = ((IApplicationBuilder)functionApp).Build();
            var invoker = new FunctionInvoker(functions, registry, functionApp.Services, pipeline, options.MaxRequestBodyBytes);
            var server = BuildServer(invoker, url, args);
            return new CustomHandlerServer(server, functionApp, invoker);
        }
        catch
        {
            await functionApp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts listening.</summary>
    /// <remarks>
    /// Of the function app's hosted services only <see cref="JobMonitor"/> runs here: it follows the jobs this process
    /// started to report their completions; the others (local queue pump, local timers) are the host's job in Azure.
    /// </remarks>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        await Monitor.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening, letting invocations in progress finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        await Monitor.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the process is told to stop — SIGTERM (how the Functions host stops its worker), Ctrl+C, or
    /// <paramref name="cancellationToken"/> — then stops listening, letting invocations in progress finish.
    /// </summary>
    /// <remarks>The server's console lifetime takes SIGTERM over from the runtime, so waiting on anything else would never end.</remarks>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        await _server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        await Monitor.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private JobMonitor Monitor => _functionApp.Services.GetRequiredService<JobMonitor>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _functionApp.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddFunctionServices(IServiceCollection services, IConfiguration configuration, FunctionAppOptions options)
    {
        // The services SimulationJobsFunction, the timers and the activities are built from (the local host's
        // AddSwarmBackgroundFunctions and AddSwarmServices register the same, plus hosted services not wanted here).
        services.AddSwarmTelemetry(configuration);
        services.TryAddSingleton(IntakeOptions.FromConfiguration(configuration));
        services.TryAddSingleton(sp => new JobRejections(sp.GetRequiredService<StateStore>()));
        services.TryAddSingleton(new ComputeQuotaOptions());
        services.TryAddSingleton(new WorkflowOptions());
        services.TryAddSingleton(sp => new ComputeQuota(sp.GetRequiredService<StateStore>(), sp.GetRequiredService<ComputeQuotaOptions>()));
        services.TryAddSingleton(options.Catalog);
    }

    private static WebApplication BuildServer(FunctionInvoker invoker, string url, string[]? args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // An orchestration request carries the whole history; the host, not a client, is the only caller.
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        builder.Services.AddProblemDetails();
        var server = builder.Build();
        server.MapPost("/{name}", (HttpContext context, string name) => InvokeAsync(invoker, context, name));
        server.MapFallback((HttpContext context) => Results.Problem(
            $"'{context.Request.Method} {context.Request.Path}' is not an invocation: the host POSTs to /{{FunctionName}}.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found."));
        return server;
    }

    private static async Task<IResult> InvokeAsync(FunctionInvoker invoker, HttpContext context, string name)
    {
        if (!invoker.Knows(name))
        {
            return Results.Problem($"No function is named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown function.");
        }

        InvocationResult result;
        try
        {
            result = await invoker.InvokeAsync(name, context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidInvocationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed invocation.");
        }
        catch (BadHttpRequestException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode, title: "Malformed invocation.");
        }

        return Results.Text(result.Body.ToJsonString(JsonOptions), "application/json", statusCode: result.StatusCode);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
