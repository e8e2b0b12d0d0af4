using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Catalog;

/// <summary>
/// The models a caller can ask for by name: schemas for validation, factories for creation, and
/// restoration of any model from its checkpoint.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="Default"/> can be shared by every request and every
/// concurrently running model, since it holds only definitions and creates fresh instances.
/// </remarks>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelDefinition> _byName;
    private readonly ModelDefinition[] _models;

    /// <summary>Creates a catalog of <paramref name="models"/> (names must be unique, ignoring case).</summary>
    public ModelCatalog(IEnumerable<ModelDefinition> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
        _byName = new Dictionary<string, ModelDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in _models)
        {
            if (!_byName.TryAdd(model.Name, model))
            {
                throw new ArgumentException($"Duplicate model name '{model.Name}'.", nameof(models));
            }
        }
    }

    /// <summary>The reference models of this assembly: schelling, flocking, wolfsheep, forestfire, boltzmann, virus.</summary>
    public static ModelCatalog Default { get; } = new(ModelDeclaration.FromAssembly(typeof(ModelCatalog).Assembly));

    /// <summary>This catalog with the models declared in <paramref name="assemblies"/> added.</summary>
    /// <exception cref="ModelLoadException">An assembly cannot be loaded, a model is broken, or a name is taken; the message names the assembly and model.</exception>
    public ModelCatalog With(IEnumerable<System.Reflection.Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var models = new List<ModelDefinition>(_models);
        var owners = _models.ToDictionary(m => m.Name, _ => "the built-in catalog", StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies)
        {
            var file = Path.GetFileName(assembly.Location);
            foreach (var model in ModelDeclaration.FromAssembly(assembly))
            {
                if (!owners.TryAdd(model.Name, file))
                {
                    throw new ModelLoadException($"Model assembly {file} defines model '{model.Name}', a name {owners[model.Name]} already uses; give it another with [Model(..., Name = \"...\")].");
                }

                models.Add(model);
            }
        }

        return new ModelCatalog(models);
    }

    /// <summary>Every model, in catalog order.</summary>
    public IReadOnlyList<ModelDefinition> Models => _models;

    /// <summary>The model called <paramref name="name"/> (case-insensitive), if any.</summary>
    public bool TryGet(string name, out ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out definition!);
    }

    /// <summary>The model called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such model; the message lists the known ones.</exception>
    public ModelDefinition Get(string name) => TryGet(name, out var definition)
        ? definition
        : throw new KeyNotFoundException(UnknownModel(name));

    /// <summary>Every problem with <paramref name="parameters"/> for model <paramref name="name"/>; empty when they are valid.</summary>
    public IReadOnlyList<ParameterError> Validate(string name, IReadOnlyDictionary<string, object?>? parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var definition)
            ? definition.Normalise(parameters).Errors
            : [new ParameterError("model", UnknownModel(name))];
    }

    /// <summary>Creates model <paramref name="name"/> with <paramref name="parameters"/> (omitted ones take defaults).</summary>
    /// <exception cref="ModelParameterException">The name or any parameter is invalid; every error is listed.</exception>
    public Model Create(string name, IReadOnlyDictionary<string, object?>? parameters, ulong seed, ulong runKey = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TryGet(name, out var definition))
        {
            throw new ModelParameterException(name, [new ParameterError("model", UnknownModel(name))]);
        }

        var (normalised, errors) = definition.Normalise(parameters);
        return normalised is null
            ? throw new ModelParameterException(definition.Name, errors)
            : definition.Factory(normalised, seed, runKey);
    }

    /// <summary>Creates model <paramref name="name"/> from preset <paramref name="preset"/>, with optional overrides.</summary>
    public Model CreatePreset(string name, string preset, ulong seed, ulong runKey = 0, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var definition = Get(name);
        if (!definition.Presets.TryGetValue(preset, out var values))
        {
            throw new ModelParameterException(definition.Name, [new ParameterError("preset", $"Unknown preset '{preset}'; known: {string.Join(", ", definition.Presets.Keys)}.")]);
        }

        var merged = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        if (overrides is not null)
        {
            foreach (var (key, value) in overrides)
            {
                merged[key] = value;
            }
        }

        return Create(definition.Name, merged, seed, runKey);
    }

    /// <summary>Rebuilds any catalog model from a checkpoint written by <see cref="Model.SaveCheckpoint(Stream)"/>.</summary>
    /// <exception cref="CheckpointFormatException">Not a checkpoint, unknown version, corrupt or truncated data, or an unknown model.</exception>
    public Model Restore(Stream stream)
    {
        var (header, reader) = CheckpointEnvelope.Read(stream);
        if (!TryGet(header.ModelName, out var definition))
        {
            throw new CheckpointFormatException($"The checkpoint is of model '{header.ModelName}', which this catalog does not know.");
        }

        var (parameters, errors) = definition.Normalise(header.Parameters);
        if (parameters is null)
        {
            throw new CheckpointFormatException($"The checkpoint's parameters are not valid for '{definition.Name}': {string.Join("; ", errors)}");
        }

        var model = definition.Factory(parameters, header.Seed, header.RunKey);
        model.RestoreState(header, reader);
        return model;
    }

    /// <summary>Rebuilds a model from checkpoint bytes.</summary>
    public Model Restore(byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var stream = new MemoryStream(checkpoint, writable: false);
        return Restore(stream);
    }

    private string UnknownModel(string name) => $"Unknown model '{name}'; known: {string.Join(", ", _models.Select(m => m.Name))}.";
}
