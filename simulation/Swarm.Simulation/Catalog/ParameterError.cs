namespace Swarm.Simulation.Catalog;

/// <summary>One problem with a model request's parameters.</summary>
/// <param name="Parameter">The parameter at fault (or <c>model</c> when the model name itself is unknown).</param>
/// <param name="Message">What is wrong, in words a caller can act on.</param>
public sealed record ParameterError(string Parameter, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Parameter}: {Message}";
}
