namespace Swarm.Simulation.Catalog;

/// <summary>One parameter of a model's schema: its name, type, allowed range or choices, default and meaning.</summary>
/// <param name="Name">The parameter's name (camelCase, as in JSON requests).</param>
/// <param name="Type">Its type.</param>
/// <param name="Default">The value used when a request omits it (normalised: long, double, bool or string).</param>
/// <param name="Description">What it means, for the API's model listing.</param>
public sealed record ParameterSpec(string Name, ParameterType Type, object? Default, string Description)
{
    /// <summary>Inclusive lower bound for numeric parameters.</summary>
    public double? Min { get; init; }

    /// <summary>Inclusive upper bound for numeric parameters.</summary>
    public double? Max { get; init; }

    /// <summary>The allowed values of a <see cref="ParameterType.Choice"/> parameter.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Collect data every this many steps (0 = never); common to every model.</summary>
    public static ParameterSpec CollectEvery { get; } =
        Int("collectEvery", 1, 0, int.MaxValue, "Collect model (and agent) reporters every this many steps, and at step 0; 0 turns collection off.");

    /// <summary>Whether agent reporters are collected too; common to every model.</summary>
    public static ParameterSpec CollectAgents { get; } =
        Bool("collectAgents", false, "Also collect one row per agent at each collection (costly for large populations).");

    /// <summary>An integer parameter.</summary>
    public static ParameterSpec Int(string name, long defaultValue, long min, long max, string description) =>
        new(name, ParameterType.Int, defaultValue, description) { Min = min, Max = max };

    /// <summary>A real parameter.</summary>
    public static ParameterSpec Double(string name, double defaultValue, double min, double max, string description) =>
        new(name, ParameterType.Double, defaultValue, description) { Min = min, Max = max };

    /// <summary>A boolean parameter.</summary>
    public static ParameterSpec Bool(string name, bool defaultValue, string description) =>
        new(name, ParameterType.Bool, defaultValue, description);

    /// <summary>A choice parameter.</summary>
    public static ParameterSpec Choice(string name, string defaultValue, IReadOnlyList<string> choices, string description) =>
        new(name, ParameterType.Choice, defaultValue, description) { Choices = choices };
}
