using System.Reflection;
using System.Runtime.Loader;

namespace Swarm.Functions.Hosting;

/// <summary>
/// Where a user's model assembly is loaded: its own dependencies from beside it (its <c>.deps.json</c>), Swarm's and
/// the framework's from the app, so the model's <c>Model</c> and <c>AgentSet</c> are the very types the app runs.
/// </summary>
internal sealed class ModelLoadContext(string assemblyPath) : AssemblyLoadContext($"models:{Path.GetFileName(assemblyPath)}")
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Whatever the app itself has (Swarm.Simulation above all) is shared; a second copy would be a different type.
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())) || assemblyName.Name?.StartsWith("Swarm.", StringComparison.Ordinal) == true)
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
