namespace Swarm.Simulation.Catalog;

/// <summary>Creates a model from a validated parameter set, a seed and a run key.</summary>
public delegate Model ModelFactory(ModelParameters parameters, ulong seed, ulong runKey);

/// <summary>One catalog entry: a model's name, description, parameter schema, presets and factory.</summary>
public sealed class ModelDefinition
{
    private readonly Func<IReadOnlyDictionary<string, object?>?, (ModelParameters?, IReadOnlyList<ParameterError>)>? _normalise;

    /// <summary>Creates an entry.</summary>
    /// <param name="name">Lowercase catalog name.</param>
    /// <param name="description">One sentence on what the model is.</param>
    /// <param name="parameters">The parameter schema.</param>
    /// <param name="reporters">The model reporters every instance offers.</param>
    /// <param name="factory">Builds an instance from a validated set.</param>
    /// <param name="presets">Named complete parameter sets (e.g. the comparison's <c>small</c> and <c>large</c>).</param>
    /// <param name="normalise">Validation and normalisation, when the schema's own ranges are not all (a parameter record's rules); by default the schema's.</param>
    /// <param name="metricDomains">The domain of each reporter; one not named is <see cref="MetricDomain.Real"/>.</param>
    public ModelDefinition(
        string name,
        string description,
        IReadOnlyList<ParameterSpec> parameters,
        IReadOnlyList<string> reporters,
        ModelFactory factory,
        IReadOnlyDictionary<string, ModelParameters>? presets = null,
        Func<IReadOnlyDictionary<string, object?>?, (ModelParameters?, IReadOnlyList<ParameterError>)>? normalise = null,
        IReadOnlyDictionary<string, MetricDomain>? metricDomains = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(reporters);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        Description = description ?? string.Empty;
        Parameters = parameters;
        Reporters = reporters;
        Factory = factory;
        _normalise = normalise;
        Presets = presets ?? new Dictionary<string, ModelParameters>();
        MetricDomains = metricDomains ?? new Dictionary<string, MetricDomain>();
    }

    /// <summary>Lowercase catalog name.</summary>
    public string Name { get; }

    /// <summary>What the model is.</summary>
    public string Description { get; }

    /// <summary>The parameter schema.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The model reporters.</summary>
    public IReadOnlyList<string> Reporters { get; }

    /// <summary>Named complete parameter sets.</summary>
    public IReadOnlyDictionary<string, ModelParameters> Presets { get; }

    /// <summary>The declared domain of each reporter (see <see cref="DomainOf"/>).</summary>
    public IReadOnlyDictionary<string, MetricDomain> MetricDomains { get; }

    /// <summary>Builds an instance from a validated set.</summary>
    public ModelFactory Factory { get; }

    /// <summary>The domain of reporter <paramref name="reporter"/>: its declared one, else <see cref="MetricDomain.Real"/>.</summary>
    public MetricDomain DomainOf(string reporter) =>
        MetricDomains.TryGetValue(reporter, out var domain) ? domain : MetricDomain.Real;

    /// <summary>Validates and normalises raw request parameters.</summary>
    public (ModelParameters? Parameters, IReadOnlyList<ParameterError> Errors) Normalise(IReadOnlyDictionary<string, object?>? values) =>
        _normalise?.Invoke(values) ?? ParameterValidation.Normalise(Parameters, values);
}
