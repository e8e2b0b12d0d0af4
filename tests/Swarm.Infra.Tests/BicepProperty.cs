namespace Swarm.Infra.Tests;

/// <summary>One <c>key: value</c> pair of a Bicep object literal.</summary>
/// <param name="Key">The property name (unquoted).</param>
/// <param name="Value">The value expression.</param>
/// <param name="Line">The 1-based line of the key.</param>
internal sealed record BicepProperty(string Key, BicepValue Value, int Line);
