using System.Reflection;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Hosting;

/// <summary>
/// The user model assemblies an app runs beside the built-in models: named by the <c>SWARM_MODELS</c> app setting
/// (paths separated by <c>;</c>, relative to the app's folder), or else every <c>models/&lt;Name&gt;/&lt;Name&gt;.dll</c>
/// in the app's folder, which is where publishing with <c>-p:SwarmModels=…</c> puts them.
/// </summary>
public static class ModelAssemblies
{
    /// <summary>The app setting naming the model assemblies.</summary>
    public const string Setting = "SWARM_MODELS";

    /// <summary>The folder of the app's package that published model assemblies go to.</summary>
    public const string Folder = "models";

    /// <summary>The built-in catalog with the models of <paramref name="assemblyPaths"/> added.</summary>
    /// <exception cref="ModelLoadException">An assembly is missing or cannot be loaded, or a model in it is broken; the message names both.</exception>
    public static ModelCatalog Catalog(IEnumerable<string> assemblyPaths) => ModelCatalog.Default.With(Load(assemblyPaths));

    /// <summary>The catalog an app runs: the built-in models and those the setting (or the <c>models</c> folder) names.</summary>
    public static ModelCatalog FromSetting(string? setting, string appFolder)
    {
        ArgumentNullException.ThrowIfNull(appFolder);
        IEnumerable<string> paths = string.IsNullOrWhiteSpace(setting)
            ? Directory.Exists(Path.Combine(appFolder, Folder))
                ? Directory.GetDirectories(Path.Combine(appFolder, Folder)).Order(StringComparer.Ordinal)
                    .Select(d => Path.Combine(d, Path.GetFileName(d) + ".dll")).Where(File.Exists)
                : []
            : setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => Path.GetFullPath(p, appFolder));
        return Catalog(paths);
    }

    /// <summary>Loads each assembly, each in its own load context that shares Swarm's assemblies with the app.</summary>
    public static IReadOnlyList<Assembly> Load(IEnumerable<string> assemblyPaths)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        var assemblies = new List<Assembly>();
        foreach (var given in assemblyPaths)
        {
            var path = Path.GetFullPath(given);
            if (!File.Exists(path))
            {
                throw new ModelLoadException($"Model assembly {given} not found.");
            }

            try
            {
                assemblies.Add(new ModelLoadContext(path).LoadFromAssemblyPath(path));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new ModelLoadException($"Model assembly {Path.GetFileName(path)} cannot be loaded: {e.Message}", e);
            }
        }

        return assemblies;
    }
}
