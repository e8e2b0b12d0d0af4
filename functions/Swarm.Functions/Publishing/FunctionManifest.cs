using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Backup;

namespace Swarm.Functions.Publishing;

/// <summary>
/// The function app's functions as the Functions host sees them: one <c>function.json</c> per <c>[Function]</c> class of
/// this assembly and per orchestrator and activity of the workflows' registry.
/// </summary>
/// <remarks>
/// <para>Binding shapes follow the Azure Functions reference pages:
/// HTTP trigger and output (learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger,
/// "Configuration": <c>type: httpTrigger, direction: in, name, authLevel, methods, route</c>; output
/// <c>type: http, direction: out, name: res</c> — the custom-handler docs read the response from <c>Outputs.res</c>);
/// Service Bus trigger (functions-bindings-service-bus-trigger: <c>type: serviceBusTrigger, direction: in, name,
/// queueName, connection</c>, where <c>connection</c> names a setting prefix such as
/// <c>ServiceBusConnection__fullyQualifiedNamespace</c>); timer trigger (functions-bindings-timer:
/// <c>type: timerTrigger, direction: in, name, schedule, runOnStartup, useMonitor</c>, with <c>%setting%</c> resolved
/// from app settings); Durable Functions bindings (durable/durable-functions-bindings:
/// <c>type: orchestrationTrigger, direction: in, name</c>; <c>type: activityTrigger, direction: in, name</c>;
/// <c>type: durableClient, direction: in, name</c>).</para>
/// <para>Names must be unique across all kinds (they are folders and routes) and valid Functions names: a letter, then
/// up to 127 letters, digits, <c>_</c> or <c>-</c>. A clash or an invalid name fails the manifest, so a package the host
/// would reject is never written.</para>
/// </remarks>
public static partial class FunctionManifest
{
    /// <summary>The binding name of the HTTP request (custom handler: <c>Data.req</c>).</summary>
    public const string HttpRequestBinding = "req";

    /// <summary>The binding name of the HTTP response (custom handler: <c>Outputs.res</c>).</summary>
    public const string HttpResponseBinding = "res";

    /// <summary>The binding name of the durable client input.</summary>
    public const string DurableClientBinding = "client";

    /// <summary>The binding name of the Service Bus message.</summary>
    public const string MessageBinding = "message";

    /// <summary>The binding name of the timer.</summary>
    public const string TimerBinding = "timer";

    /// <summary>The binding name of the orchestration trigger.</summary>
    public const string OrchestrationBinding = "context";

    /// <summary>The binding name of the activity trigger.</summary>
    public const string ActivityBinding = "input";

    /// <summary>The registry of the deployed workflows: every Swarm workflow and the backup.</summary>
    public static DurableTaskRegistry DeployedRegistry() => new DurableTaskRegistry().AddSwarmWorkflows().AddBackupWorkflow();

    /// <summary>The deployed app's functions: this assembly's classes and <see cref="DeployedRegistry"/>.</summary>
    public static IReadOnlyList<FunctionDefinition> Deployed() => Create(typeof(FunctionManifest).Assembly, DeployedRegistry());

    /// <summary>Every function of <paramref name="assembly"/>'s <c>[Function]</c> classes and of <paramref name="registry"/>, ordered by name.</summary>
    /// <exception cref="InvalidOperationException">A name is invalid or used twice, or a <c>[Function]</c> class has no trigger attribute.</exception>
    public static IReadOnlyList<FunctionDefinition> Create(Assembly assembly, DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(registry);
        var functions = new List<FunctionDefinition>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetCustomAttribute<FunctionAttribute>() is { } function)
            {
                functions.Add(ForClass(type, function));
            }
        }

        functions.AddRange(registry.GetOrchestrators().Select(o => o.Key.Name).Select(name => new FunctionDefinition(name, FunctionKind.Orchestration, null, Document(Orchestration()))));
        functions.AddRange(registry.GetActivities().Select(a => a.Key.Name).Select(name => new FunctionDefinition(name, FunctionKind.Activity, null, Document(Activity()))));

        var problems = new List<string>();
        problems.AddRange(functions.Where(f => !IsValidName(f.Name)).Select(f => $"'{f.Name}' ({f.Kind}) is not a valid function name: a letter, then up to 127 letters, digits, '_' or '-'."));
        problems.AddRange(functions
            .GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}' names {g.Count()} functions ({string.Join(", ", g.Select(f => f.Kind))}); function names must be unique."));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The function manifest is invalid: " + string.Join(" ", problems));
        }

        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="name"/> is a valid Azure Functions function name.</summary>
    public static bool IsValidName(string? name) => name is not null && ValidName().IsMatch(name);

    /// <summary>Writes <c>&lt;directory&gt;/&lt;Name&gt;/function.json</c> for each of <paramref name="functions"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<FunctionDefinition> functions, string directory)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var written = new List<string>();
        foreach (var function in functions)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, function.FunctionJson.ToJsonString(Indented) + Environment.NewLine);
            written.Add(path);
        }

        return written;
    }

    private static FunctionDefinition ForClass(Type type, FunctionAttribute function)
    {
        if (type.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
        {
            return new FunctionDefinition(function.Name, FunctionKind.Http, type, Document(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = HttpRequestBinding,
                    ["authLevel"] = http.AuthLevel,
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => (JsonNode)JsonValue.Create(m.ToLowerInvariant()))]),
                    ["route"] = http.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = HttpResponseBinding },
                DurableClient()));
        }

        if (type.GetCustomAttribute<ServiceBusTriggerAttribute>() is { } serviceBus)
        {
            return new FunctionDefinition(function.Name, FunctionKind.ServiceBus, type, Document(
                new JsonObject
                {
                    ["type"] = "serviceBusTrigger",
                    ["direction"] = "in",
                    ["name"] = MessageBinding,
                    ["queueName"] = serviceBus.QueueName,
                    ["connection"] = serviceBus.Connection,
                },
                DurableClient()));
        }

        if (type.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
        {
            return new FunctionDefinition(function.Name, FunctionKind.Timer, type, Document(
                new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = TimerBinding,
                    ["schedule"] = timer.Schedule,
                    ["runOnStartup"] = timer.RunOnStartup,
                    ["useMonitor"] = timer.UseMonitor,
                },
                DurableClient()));
        }

        throw new InvalidOperationException($"Function class {type.FullName} ('{function.Name}') has no trigger attribute (HttpTrigger, ServiceBusTrigger or TimerTrigger).");
    }

    private static JsonObject DurableClient() => new() { ["type"] = "durableClient", ["direction"] = "in", ["name"] = DurableClientBinding };

    private static JsonObject Orchestration() => new() { ["type"] = "orchestrationTrigger", ["direction"] = "in", ["name"] = OrchestrationBinding };

    private static JsonObject Activity() => new() { ["type"] = "activityTrigger", ["direction"] = "in", ["name"] = ActivityBinding };

    private static JsonObject Document(params JsonObject[] bindings) => new() { ["bindings"] = new JsonArray([.. bindings]) };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
