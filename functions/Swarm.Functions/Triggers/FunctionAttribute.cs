namespace Swarm.Functions.Triggers;

/// <summary>
/// Marks a class as an Azure Functions function named <see cref="Name"/>. Together with its trigger
/// attribute it is what the function's <c>function.json</c> is generated from, and what the local host
/// and the custom handler dispatch by.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FunctionAttribute(string name) : Attribute
{
    /// <summary>The function's name: its folder in the deployment package and its custom-handler route.</summary>
    public string Name { get; } = name;
}
