namespace Swarm.Simulation.Catalog;

/// <summary>One problem with a model request's parameters.</summary>
/// <param name="Parameter">The parameter at fault (or <c>model</c> when the model name itself is unknown).</param>
/// <param name="Message">What is wrong, in words a caller can act on.</param>
public sealed record ParameterError(string Parameter, string Message)
{
    /// <summary>An error about the record property <paramref name="property"/> (pass <c>nameof</c>), named as requests name it.</summary>
    public static ParameterError For(string property, string message) => new(ParameterDeclaration.NameOf(property), message);

    /// <inheritdoc />
    public override string ToString() => $"{Parameter}: {Message}";
}
