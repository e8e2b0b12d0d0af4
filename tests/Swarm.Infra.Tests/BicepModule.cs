namespace Swarm.Infra.Tests;

/// <summary>A <c>module</c> declaration.</summary>
/// <param name="Symbol">The module's symbolic name.</param>
/// <param name="Path">The module path as written (relative to the declaring file).</param>
/// <param name="Body">The module's object body.</param>
/// <param name="Line">The 1-based line of the declaration.</param>
internal sealed record BicepModule(string Symbol, string Path, BicepValue Body, int Line)
{
    /// <summary>The <c>params</c> object, if any.</summary>
    public IReadOnlyList<BicepProperty> Parameters => Body.Get("params") is { IsObject: true } p ? p.Properties() : [];
}
