using System.Text.Json;
using Swarm.Durable.Backend;

namespace Swarm.Storage.Durable;

/// <summary>JSON form of the bodies the backend queues; history events and failures use <see cref="HistoryJson"/>.</summary>
internal static class DurableJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string SerializeBody<T>(T body) => JsonSerializer.Serialize(body, Options);

    public static T? DeserializeBody<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
