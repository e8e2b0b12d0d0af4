using System.Text.Json;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Storage.Durable;

/// <summary>JSON forms of history events and failure details as the backend stores and queues them.</summary>
internal static class DurableJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    public static HistoryEvent Deserialize(string json, string instanceId)
    {
        try
        {
            return JsonSerializer.Deserialize<HistoryEvent>(json, Options)
                ?? throw new HistoryCorruptedException($"Instance '{instanceId}' has an empty history event.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new HistoryCorruptedException($"Instance '{instanceId}' has a history event that cannot be read: {ex.Message}", ex);
        }
    }

    public static string? Serialize(TaskFailureDetails? failure) => failure is null ? null : JsonSerializer.Serialize(failure, Options);

    public static TaskFailureDetails? DeserializeFailure(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TaskFailureDetails>(json, Options);
        }
        catch (JsonException ex)
        {
            return new TaskFailureDetails(RuntimeErrorTypes.HistoryCorrupted, $"The stored failure details cannot be read: {ex.Message}");
        }
    }

    public static string SerializeBody<T>(T body) => JsonSerializer.Serialize(body, Options);

    public static T? DeserializeBody<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
