namespace Swarm.Durable.Embedded;

/// <summary>DurableTask.Core's own JSON form (type names included) for history events, messages and instance states.</summary>
internal static class TaskHubJson
{
    private static readonly DataConverter Converter = JsonDataConverter.Default;

    public static string Serialize(object value) => Converter.Serialize(value)
        ?? throw new InvalidOperationException($"{value.GetType().Name} serialized to nothing.");

    public static T Deserialize<T>(string json) => Converter.Deserialize<T>(json)
        ?? throw new InvalidDataException($"The task hub holds an unreadable {typeof(T).Name}.");
}
