using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace Swarm.Functions.Http;

/// <summary>An instance's status in the Durable Functions HTTP API's shape (<c>name</c>, <c>instanceId</c>, <c>runtimeStatus</c>, …).</summary>
public static class InstanceStatusJson
{
    /// <summary>The status object of <paramref name="metadata"/>; inputs and outputs only when <paramref name="showInput"/>.</summary>
    public static JsonObject From(OrchestrationMetadata metadata, bool showInput = true)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var status = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = showInput ? Parse(metadata.SerializedInput) : null,
            ["customStatus"] = Parse(metadata.SerializedCustomStatus),
            ["output"] = Parse(metadata.SerializedOutput),
            ["createdTime"] = Time(metadata.CreatedAt),
            ["lastUpdatedTime"] = Time(metadata.LastUpdatedAt),
        };
        if (metadata.IsCompleted && metadata.LastUpdatedAt is var completed)
        {
            status["completedTime"] = Time(completed);
            status["durationSeconds"] = (completed - metadata.CreatedAt).TotalSeconds;
        }

        if (metadata.FailureDetails is { } failure)
        {
            // The type and message only: stack traces stay in the logs.
            status["failureDetails"] = new JsonObject { ["errorType"] = failure.ErrorType, ["errorMessage"] = failure.ErrorMessage };
        }

        return status;
    }

    /// <summary>A serialized payload as JSON (a string when it is not JSON).</summary>
    public static JsonNode? Parse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
