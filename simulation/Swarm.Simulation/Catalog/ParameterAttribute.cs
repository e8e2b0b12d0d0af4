namespace Swarm.Simulation.Catalog;

/// <summary>Describes one parameter of a parameter record: what it means and, for numbers, its inclusive range.</summary>
/// <param name="description">What the parameter means, for the model listing and the API's JSON schema.</param>
/// <remarks>Every public settable property of the record is a parameter, with or without this attribute; its initial value is the default.</remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ParameterAttribute(string description) : Attribute
{
    /// <summary>What the parameter means.</summary>
    public string Description { get; } = description;

    /// <summary>Inclusive lower bound of a number; NaN for none.</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Inclusive upper bound of a number; NaN for none.</summary>
    public double Max { get; init; } = double.NaN;
}
