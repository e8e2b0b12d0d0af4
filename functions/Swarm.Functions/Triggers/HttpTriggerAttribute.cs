namespace Swarm.Functions.Triggers;

/// <summary>An HTTP trigger: <see cref="Methods"/> on <see cref="Route"/> (below the host's <c>api/</c> prefix).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HttpTriggerAttribute(string route, params string[] methods) : Attribute
{
    /// <summary>The route template, e.g. <c>sweeps/{id}</c>.</summary>
    public string Route { get; } = route;

    /// <summary>The HTTP methods, lower case.</summary>
    public IReadOnlyList<string> Methods { get; } = methods;

    /// <summary>The Functions host's own key check; Swarm authenticates callers itself (JWT bearer), so anonymous at the host.</summary>
    public string AuthLevel { get; init; } = "anonymous";
}
