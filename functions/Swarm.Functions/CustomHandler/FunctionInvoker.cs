using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker.Shims;
using Swarm.Functions.DurableClient;
using Swarm.Functions.Hosting;
using Swarm.Functions.Intake;
using Swarm.Functions.Publishing;
using Swarm.Functions.Timers;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Runs one custom-handler invocation — <c>{"Data": {...}, "Metadata": {...}}</c> POSTed by the Functions host to
/// <c>/{FunctionName}</c> — by the function's trigger kind, and answers <c>{"Outputs", "Logs", "ReturnValue"}</c>.
/// </summary>
/// <remarks>
/// <para>Orchestration trigger: <c>Data.context</c> is the base64 protobuf <c>OrchestratorRequest</c>;
/// <c>ReturnValue</c> is <see cref="OrchestratorRequestHandler.Handle(string, string?)"/>'s base64 response. Activity
/// trigger: <c>Data.input</c> is the activity's input, either as the serialized JSON in a string or as the JSON value
/// itself; the SDK's activity shim (<see cref="DurableTaskShimFactory"/>) runs the registered <c>TaskActivity</c> and
/// <c>ReturnValue</c> is the output as JSON; an activity that throws answers 500 with the error in <c>Logs</c>, which the
/// host records as the activity's failure.
/// HTTP trigger: see <see cref="HttpTriggerBridge"/>; the response is <c>Outputs.res</c>. Service Bus trigger:
/// <c>Data.message</c> is the body, <c>Metadata</c> carries <c>MessageId</c>, <c>DeliveryCount</c>,
/// <c>ContentType</c>; a failure answers 500 so the message is delivered again. Timer trigger: <c>Data.timer</c> is
/// the host's <c>TimerInfo</c> (<c>IsPastDue</c>, <c>ScheduleStatus.Last</c>/<c>Next</c>).</para>
/// <para>Durable client: HTTP, Service Bus and timer functions have a <c>durableClient</c> input binding, so their
/// invocations carry <c>Data.client</c>, the extension's gRPC endpoint for the task hub (<see cref="DurableClientBinding"/>).
/// When the app's <see cref="DurableTaskClient"/> is an <see cref="ExtensionDurableTaskClient"/> (the function app's <c>host</c> under the
/// Functions host), the invocation binds it to that endpoint before the function runs, so the function starts and
/// manages instances in the extension's task hub. An app on a local task hub ignores the value.</para>
/// <para>An invocation this app cannot read throws <see cref="InvalidInvocationException"/> (answered 400), before
/// any function code runs.</para>
/// </remarks>
public sealed class FunctionInvoker
{
    private readonly Dictionary<string, FunctionDefinition> _functions;
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities;
    private readonly IServiceProvider _services;
    private readonly OrchestratorRequestHandler _orchestrations;
    private readonly HttpTriggerBridge _http;
    private readonly DurableTaskShimFactory _shims;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExtensionDurableTaskClient? _durableClient;

    /// <summary>Creates the invoker over <paramref name="functions"/>; <paramref name="httpPipeline"/> is the function app's request pipeline, built over <paramref name="services"/>.</summary>
    /// <remarks>HTTP request bodies over <paramref name="maxRequestBodyBytes"/> are answered 413 without running the function.</remarks>
    public FunctionInvoker(IReadOnlyList<FunctionDefinition> functions, DurableTaskRegistry registry, IServiceProvider services, RequestDelegate httpPipeline, long maxRequestBodyBytes = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(httpPipeline);
        _functions = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _activities = registry.GetActivities().ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);
        _services = services;
        _orchestrations = new OrchestratorRequestHandler(registry, services);
        _shims = new DurableTaskShimFactory(loggerFactory: services.GetService<ILoggerFactory>());
        _http = new HttpTriggerBridge(httpPipeline, services.GetRequiredService<IServiceScopeFactory>(), maxRequestBodyBytes);
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger<FunctionInvoker>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _durableClient = services.GetService<DurableTaskClient>() as ExtensionDurableTaskClient;
    }

    /// <summary>The route prefix of HTTP functions in the host (<c>host.json</c>: <c>extensions.http.routePrefix</c>).</summary>
    public const string HostRoutePrefix = "/api";

    /// <summary>Whether <paramref name="name"/> is one of the app's functions.</summary>
    public bool Knows(string name) => _functions.ContainsKey(name);

    /// <summary>Runs the invocation of <paramref name="name"/> read from <paramref name="invocation"/>.</summary>
    /// <exception cref="KeyNotFoundException">No function is named <paramref name="name"/>.</exception>
    /// <exception cref="InvalidInvocationException">The invocation is not JSON or lacks what the trigger needs.</exception>
    public async Task<InvocationResult> InvokeAsync(string name, Stream invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!_functions.TryGetValue(name, out var function))
        {
            throw new KeyNotFoundException($"No function is named '{name}'.");
        }

        JsonObject document;
        try
        {
            document = await JsonNode.ParseAsync(invocation, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
                ?? throw new InvalidInvocationException("The invocation must be a JSON object: {\"Data\": {...}, \"Metadata\": {...}}.");
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException($"The invocation is not valid JSON: {e.Message}", e);
        }

        var data = document["Data"] as JsonObject
            ?? throw new InvalidInvocationException("The invocation has no \"Data\" object (the trigger and input binding values).");
        var metadata = document["Metadata"] as JsonObject ?? [];
        if (function.Kind is FunctionKind.Http or FunctionKind.ServiceBus or FunctionKind.Timer)
        {
            BindDurableClient(data);
        }

        var result = function.Kind switch
        {
            FunctionKind.Orchestration => InvokeOrchestration(function.Name, data),
            FunctionKind.Activity => await InvokeActivityAsync(function.Name, data, metadata, cancellationToken).ConfigureAwait(false),
            FunctionKind.Http => await InvokeHttpAsync(function, data, cancellationToken).ConfigureAwait(false),
            FunctionKind.ServiceBus => await InvokeServiceBusAsync(function, data, metadata, cancellationToken).ConfigureAwait(false),
            FunctionKind.Timer => await InvokeTimerAsync(function, data, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"Function '{function.Name}' has an unknown kind {function.Kind}."),
        };
        if (result.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            // The host does not read the body of a failed invocation (it checks the status first), so the error is
            // logged here too, where the host's capture of the handler's output finds it.
            _logger.LogError("Function {FunctionName} failed: {Logs}", function.Name, result.Body["Logs"]?.ToJsonString());
        }

        return result;
    }

    private void BindDurableClient(JsonObject data)
    {
        if (_durableClient is null || Payload(data[FunctionManifest.DurableClientBinding]) is not { } value)
        {
            return;
        }

        DurableClientBinding binding;
        try
        {
            binding = DurableClientBinding.Parse(value);
        }
        catch (FormatException e)
        {
            throw new InvalidInvocationException($"Data.{FunctionManifest.DurableClientBinding}: {e.Message}", e);
        }

        // Every invocation of one host carries the same value; rebinding only when it differs keeps the common path a
        // comparison.
        if (_durableClient.Binding != binding)
        {
            _durableClient.Bind(binding);
        }
    }

    private InvocationResult InvokeOrchestration(string name, JsonObject data)
    {
        var request = Payload(data[FunctionManifest.OrchestrationBinding])
            ?? throw new InvalidInvocationException($"Data.{FunctionManifest.OrchestrationBinding}: required, the base64 OrchestratorRequest.");
        return InvocationResult.Ok([], [], _orchestrations.Handle(name, request));
    }

    private async Task<InvocationResult> InvokeActivityAsync(string name, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        var input = Payload(data[FunctionManifest.ActivityBinding]);
        var instanceId = StringValue(metadata, "instanceId") ?? string.Empty;
        await using var scope = _services.CreateAsyncScope();
        if (!_activities.TryGetValue(name, out var create))
        {
            return InvocationResult.Failed([$"No activity named '{name}' is registered."]);
        }

        ITaskActivity implementation;
        try
        {
            implementation = create(scope.ServiceProvider);
        }
        catch (InvalidOperationException e)
        {
            return InvocationResult.Failed([$"Activity '{name}' could not be constructed: {e.Message}"]);
        }

        var activity = _shims.CreateActivity(new TaskName(name), implementation);
        try
        {
            var output = await activity.RunAsync(new TaskContext(new OrchestrationInstance { InstanceId = instanceId }), ActivityInputJson(input, implementation.InputType)).ConfigureAwait(false);
            return InvocationResult.Ok([], [], output is null ? null : JsonNode.Parse(output));
        }
#pragma warning disable CA1031 // The activity's exception is its result: the host records it as the task's failure.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return InvocationResult.Failed([$"Activity '{name}' failed: {e.GetType().FullName}: {e.Message}", e.StackTrace ?? string.Empty]);
        }
    }

    /// <summary>
    /// The activity's input as the JSON the SDK's shim reads. A string input may arrive already deserialized (the bare
    /// text rather than its JSON form, once <see cref="Payload"/> has removed the host's quoting): it is quoted again.
    /// </summary>
    private static string ActivityInputJson(string? input, Type inputType)
    {
        if (input is null || inputType != typeof(string))
        {
            return input ?? string.Empty;
        }

        try
        {
            return JsonNode.Parse(input) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? input : JsonSerializer.Serialize(input);
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(input);
        }
    }

    private async Task<InvocationResult> InvokeHttpAsync(FunctionDefinition function, JsonObject data, CancellationToken cancellationToken)
    {
        var request = data[FunctionManifest.HttpRequestBinding] as JsonObject
            ?? throw new InvalidInvocationException($"Data.{FunctionManifest.HttpRequestBinding}: required, the HTTP request object (Url, Method, Headers, Query, Params, Body).");
        var trigger = function.Type?.GetCustomAttribute<HttpTriggerAttribute>();
        var servedAtRoot = trigger is not null && !FunctionApp.PathOf(trigger).StartsWith(HostRoutePrefix + "/", StringComparison.Ordinal);
        var response = await _http.InvokeAsync(request, servedAtRoot ? HostRoutePrefix : null, cancellationToken).ConfigureAwait(false);
        return InvocationResult.Ok(new JsonObject { [FunctionManifest.HttpResponseBinding] = response }, [], null);
    }

    private async Task<InvocationResult> InvokeServiceBusAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        // The host quotes a string trigger value a second time; ServiceBusInvocation reads the rest of the payload.
        var body = Payload(data[FunctionManifest.MessageBinding])
            ?? throw new InvalidInvocationException($"Data.{FunctionManifest.MessageBinding}: required, the message body.");
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { [ServiceBusInvocation.BindingName] = body },
            ["Metadata"] = metadata.DeepClone(),
        };
        IntakeMessage message;
        try
        {
            message = ServiceBusInvocation.Read(JsonSerializer.SerializeToElement(invocation));
        }
        catch (FormatException e)
        {
            throw new InvalidInvocationException(e.Message, e);
        }

        await using var scope = _services.CreateAsyncScope();
        if (ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Type!) is not SimulationJobsFunction intake)
        {
            return InvocationResult.Failed([$"Function '{function.Name}' ({function.Type}) is not a Service Bus function this handler can run."]);
        }

        try
        {
            var outcome = await intake.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            return InvocationResult.Ok([], [$"Message {message.MessageId}: {outcome.Kind} ({outcome.InstanceId})."], null);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return InvocationResult.Failed([$"Message {message.MessageId} failed (delivered again): {e.GetType().FullName}: {e.Message}"]);
        }
    }

    private async Task<InvocationResult> InvokeTimerAsync(FunctionDefinition function, JsonObject data, CancellationToken cancellationToken)
    {
        var timer = data[FunctionManifest.TimerBinding] as JsonObject ?? [];
        var status = timer["ScheduleStatus"] as JsonObject;
        var now = _time.GetUtcNow();
        var info = new TimerInfo(
            now,
            timer["IsPastDue"] is JsonValue pastDue && pastDue.TryGetValue<bool>(out var isPastDue) && isPastDue,
            status is null ? null : Time(status, "Last"),
            (status is null ? null : Time(status, "Next")) ?? now);
        await using var scope = _services.CreateAsyncScope();
        ITimerFunction run;
        try
        {
            run = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Type!) as ITimerFunction
                ?? throw new InvalidOperationException($"{function.Type} is not an ITimerFunction.");
        }
        catch (InvalidOperationException e)
        {
            return InvocationResult.Failed([$"Timer function '{function.Name}' could not be constructed: {e.Message}"]);
        }

        try
        {
            await run.RunAsync(info, cancellationToken).ConfigureAwait(false);
            return InvocationResult.Ok([], [$"{function.Name} ran{(info.IsPastDue ? " (past due)" : string.Empty)}."], null);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return InvocationResult.Failed([$"{function.Name} failed: {e.GetType().FullName}: {e.Message}"]);
        }
    }

    /// <summary>
    /// The text of a trigger value. The host turns a value that is not an object into JSON text with
    /// <c>JsonConvert.SerializeObject</c> (<c>ScriptInvocationContextExtensions.GetHttpScriptInvocationContextValue</c>),
    /// so a string arrives as a JSON string holding the string's own JSON form (<c>"\"CiQ...\""</c>): one level of that
    /// quoting is removed. An object or array value is its JSON text.
    /// </summary>
    private static string? Payload(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonNode.Parse(text) is JsonValue inner && inner.GetValueKind() == JsonValueKind.String ? inner.GetValue<string>() : text;
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            default:
                return node.ToJsonString();
        }
    }

    private static DateTimeOffset? Time(JsonObject node, string name) =>
        StringValue(node, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? StringValue(JsonObject node, string name)
    {
        foreach (var (key, value) in node)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                return v.GetValue<string>();
            }
        }

        return null;
    }
}
