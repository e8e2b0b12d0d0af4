namespace Swarm.Infra.Tests;

/// <summary>A <c>param</c> declaration.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">The declared type, without a nullable marker.</param>
/// <param name="Default">The default value expression, or <see langword="null"/>.</param>
/// <param name="IsNullable">Whether the type is nullable (<c>string?</c>), which makes the parameter optional.</param>
/// <param name="Decorators">Decorator name (e.g. <c>secure</c>, <c>allowed</c>) to its argument text.</param>
/// <param name="Line">The 1-based line of the declaration.</param>
internal sealed record BicepParameter(string Name, string Type, string? Default, bool IsNullable, IReadOnlyDictionary<string, string> Decorators, int Line)
{
    /// <summary>Whether a deployment must supply a value.</summary>
    public bool IsRequired => Default is null && !IsNullable;
}
