using System.Text.Json.Nodes;

namespace Swarm.Functions.Publishing;

/// <summary>One function of the deployment package: its name (folder and custom-handler route), its trigger kind, the class that implements it (none for orchestrators and activities, which the registry creates) and its <c>function.json</c>.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Kind">The trigger kind.</param>
/// <param name="Type">The function class for HTTP, Service Bus and timer functions; null for orchestrators and activities.</param>
/// <param name="FunctionJson">The <c>function.json</c> document (<c>{"bindings": [...]}</c>).</param>
public sealed record FunctionDefinition(string Name, FunctionKind Kind, Type? Type, JsonObject FunctionJson);
