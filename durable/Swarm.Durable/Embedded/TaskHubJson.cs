namespace Swarm.Durable.Embedded;

/// <summary>DurableTask.Core's own JSON form (type names included) for history events, messages and instance states.</summary>
internal static class TaskHubJson
{
    // Fully qualified: Swarm.Durable has v1 converters of the same names that write no type names.
    private static readonly DurableTask.Core.Serializing.DataConverter Converter = DurableTask.Core.Serializing.JsonDataConverter.Default;

    public static string Serialize(object value) => Converter.Serialize(value)
        ?? throw new InvalidOperationException($"{value.GetType().Name} serialized to nothing.");

    public static T Deserialize<T>(string json) => Converter.Deserialize<T>(json)
        ?? throw new InvalidDataException($"The task hub holds an unreadable {typeof(T).Name}.");
}
