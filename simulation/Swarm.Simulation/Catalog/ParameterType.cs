namespace Swarm.Simulation.Catalog;

/// <summary>The type of a model parameter.</summary>
public enum ParameterType
{
    /// <summary>A whole number (JSON numbers with no fractional part are accepted, e.g. <c>40.0</c>).</summary>
    Int,

    /// <summary>A real number.</summary>
    Double,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>Free text.</summary>
    String,

    /// <summary>One of a fixed list of strings.</summary>
    Choice,
}
