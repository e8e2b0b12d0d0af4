using System.Text.Json;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Backend;

/// <summary>
/// The stored JSON form of history events and failure details, shared by every backend so that
/// history written by one reads back identically in another.
/// </summary>
public static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>The JSON of <paramref name="historyEvent"/>.</summary>
    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    /// <summary>Reads a history event of <paramref name="instanceId"/>.</summary>
    /// <exception cref="HistoryCorruptedException">The JSON is not a history event.</exception>
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

    /// <summary>The JSON of <paramref name="failure"/> (null for none).</summary>
    public static string? Serialize(TaskFailureDetails? failure) => failure is null ? null : JsonSerializer.Serialize(failure, Options);

    /// <summary>Reads failure details; unreadable ones become a <c>HistoryCorrupted</c> failure rather than an exception.</summary>
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
}
