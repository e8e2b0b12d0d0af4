using System.Text.Json.Nodes;

namespace Swarm.Functions.CustomHandler;

/// <summary>What the custom handler answers one invocation with: the HTTP status and the <c>{"Outputs", "Logs", "ReturnValue"}</c> document.</summary>
/// <param name="StatusCode">200 when the function ran, 500 when it failed (the host records the failure), 400/404 for a request it cannot serve.</param>
/// <param name="Body">The response document.</param>
public sealed record InvocationResult(int StatusCode, JsonObject Body)
{
    /// <summary>A completed invocation.</summary>
    public static InvocationResult Ok(JsonObject outputs, IEnumerable<string> logs, JsonNode? returnValue) =>
        new(StatusCodes.Status200OK, Document(outputs, logs, returnValue));

    /// <summary>A failed invocation: no outputs, the error in <c>Logs</c>.</summary>
    public static InvocationResult Failed(IEnumerable<string> logs) =>
        new(StatusCodes.Status500InternalServerError, Document([], logs, null));

    private static JsonObject Document(JsonObject outputs, IEnumerable<string> logs, JsonNode? returnValue) => new()
    {
        ["Outputs"] = outputs,
        ["Logs"] = new JsonArray([.. logs.Select(l => (JsonNode)JsonValue.Create(l))]),
        ["ReturnValue"] = returnValue,
    };
}
