namespace Swarm.Simulation.Catalog;

/// <summary>Marks a <see cref="Model{TParameters}"/> class as a model a catalog offers.</summary>
/// <param name="description">One sentence on what the model is, for the model listing.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelAttribute(string description) : Attribute
{
    /// <summary>What the model is.</summary>
    public string Description { get; } = description;

    /// <summary>The catalog name; by default the class name in lower case, without a trailing <c>Model</c>.</summary>
    public string? Name { get; init; }
}
