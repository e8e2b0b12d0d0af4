using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Swarm.Simulation.Catalog;

/// <summary>
/// Turns model classes into catalog entries: the classes marked <see cref="ModelAttribute"/> in an assembly, each with
/// the schema and presets its parameter record declares, its reporters, and a factory calling its constructor.
/// </summary>
/// <remarks>
/// A model is checked when it is declared, not when a sweep first runs it: its parameter declaration, its constructor
/// <c>(TParameters, ModelContext)</c>, its generated checkpoint code, and one construction with the default parameters
/// (which also lists its reporters). Any failure is a <see cref="ModelLoadException"/> naming the assembly and the model.
/// </remarks>
public static class ModelDeclaration
{
    /// <summary>The catalog name of model class <paramref name="type"/>.</summary>
    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.GetCustomAttribute<ModelAttribute>()?.Name is { Length: > 0 } name)
        {
            return name;
        }

        var plain = type.Name.EndsWith("Model", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        return plain.ToLowerInvariant();
    }

    /// <summary>The catalog entries of every <see cref="ModelAttribute"/> class in <paramref name="assembly"/>.</summary>
    /// <exception cref="ModelLoadException">A type cannot be loaded, or a model is broken.</exception>
    public static IReadOnlyList<ModelDefinition> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var cause = e.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message ?? e.Message;
            throw new ModelLoadException($"Model assembly {AssemblyName(assembly)} cannot be loaded: {cause}", e);
        }

        return [.. types.Where(t => t.IsDefined(typeof(ModelAttribute), inherit: false)).OrderBy(t => t.FullName, StringComparer.Ordinal).Select(Describe)];
    }

    /// <summary>The catalog entry of model class <paramref name="type"/>.</summary>
    /// <exception cref="ModelLoadException">The class is not a usable model; the message says why.</exception>
    public static ModelDefinition Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = NameOf(type);
        var where = $"Model '{name}' ({type.FullName}) in assembly {AssemblyName(type.Assembly)}";
        var parametersType = ParametersTypeOf(type)
            ?? throw new ModelLoadException($"{where} does not derive from Swarm.Simulation.Model<TParameters>.");
        if (type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new ModelLoadException($"{where} is abstract or generic; a catalog model must be a concrete class.");
        }

        var declaration = ParameterDeclaration.For(parametersType);
        if (declaration.Problems.Count > 0)
        {
            throw new ModelLoadException($"{where} has an invalid parameter declaration: {string.Join("; ", declaration.Problems)}.");
        }

        var constructor = type.GetConstructor([parametersType, typeof(ModelContext)])
            ?? throw new ModelLoadException($"{where} has no public constructor ({parametersType.Name}, ModelContext).");
        Model Factory(ModelParameters parameters, ulong seed, ulong runKey)
        {
            var context = new ModelContext(seed, runKey, (int)(long)parameters["collectEvery"]!, parameters["collectAgents"] is true);
            try
            {
                return (Model)constructor.Invoke([declaration.Bind(parameters), context]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }

        IReadOnlyList<string> reporters;
        IReadOnlyDictionary<string, MetricDomain> domains;
        try
        {
            var (defaults, _) = declaration.Normalise(null);
            var instance = Factory(defaults ?? throw new InvalidOperationException("its defaults are invalid"), 0, 0);
            (reporters, domains) = (instance.ReporterNames, instance.ReporterDomains);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"{where} fails to build with its default parameters: {e.Message}", e);
        }

        var description = type.GetCustomAttribute<ModelAttribute>()?.Description ?? string.Empty;
        return new ModelDefinition(name, description, declaration.Schema, reporters, Factory, presets: declaration.Presets, normalise: declaration.Normalise, metricDomains: domains);
    }

    private static Type? ParametersTypeOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Model<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static string AssemblyName(Assembly assembly) =>
        string.IsNullOrEmpty(assembly.Location) ? assembly.GetName().Name ?? "?" : Path.GetFileName(assembly.Location);
}
