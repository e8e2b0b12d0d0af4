using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Data;

namespace Swarm.Simulation;

/// <summary>
/// The base of a model written the short way: parameters declared once as a record, reporters as lambdas, state in
/// ordinary fields that the Swarm generator checkpoints.
/// </summary>
/// <typeparam name="TParameters">
/// The parameter record: each public settable property is a parameter (its initial value the default,
/// <see cref="ParameterAttribute"/> its description and range); public static properties of the record's own type
/// are presets; <see cref="IParameterRules"/> adds rules across parameters.
/// </typeparam>
/// <remarks>
/// <para>A model class overrides <see cref="Model.StepCore"/> and <see cref="Model.AgentCount"/>, has a public
/// constructor <c>(TParameters, ModelContext)</c>, and is marked <see cref="ModelAttribute"/> to be found by a catalog.
/// Its constructor builds the spaces and agents from the parameters, drawing randomness from
/// <see cref="Model.Random"/>, and registers reporters with <see cref="Reporter"/> and <see cref="AgentReporter{T}"/>.</para>
/// <para>Checkpoints need no code: the generator saves every field of the model (agent sets, spaces, layers, random
/// streams, unmanaged values, arrays) and a resumed run rebuilds the model with its constructor, then restores those
/// fields, so it continues bit for bit. A field it cannot save is a compile-time error (SWARM001).</para>
/// </remarks>
public abstract class Model<TParameters> : Model
    where TParameters : class, new()
{
    private readonly List<Func<double>> _reporters = [];
    private readonly List<IAgentColumns> _agentColumns = [];
    private readonly IModelState _state;

    /// <summary>Validates <paramref name="settings"/> (every error listed at once) and sets up the run.</summary>
    /// <exception cref="ModelParameterException">Some parameter is out of range or a rule fails.</exception>
    protected Model(TParameters settings, ModelContext? context = null)
        : base(ParameterDeclaration.For(typeof(TParameters)).ToModelParameters(settings, context ??= new ModelContext()), context)
    {
        var errors = ParameterDeclaration.For(typeof(TParameters)).Validate(Parameters);
        if (errors.Count > 0)
        {
            throw new ModelParameterException(Name, errors);
        }

        Settings = settings;
        _state = ModelStates.For(GetType());
    }

    /// <summary>The typed parameters.</summary>
    public TParameters Settings { get; }

    /// <inheritdoc />
    protected sealed override int StateVersion => _state.Layout;

    /// <summary>
    /// Adds a model reporter: <paramref name="value"/> is read at every collection. <paramref name="domain"/> says what values
    /// it can take (a count, a fraction, …), so a sweep's intervals stay inside them.
    /// </summary>
    protected void Reporter(string name, Func<double> value, MetricDomain domain = MetricDomain.Real)
    {
        ArgumentNullException.ThrowIfNull(value);
        AddReporterName(name, domain);
        _reporters.Add(value);
    }

    /// <summary>
    /// Adds an agent reporter column for the agents of <paramref name="agents"/>: <paramref name="value"/> gets each live
    /// agent and its slot. Several agent sets can fill the same column; a set that does not fill it reports NaN.
    /// Ignored unless the run collects agents.
    /// </summary>
    protected void AgentReporter<T>(AgentSet<T> agents, string name, Func<T, int, double> value)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(value);
        if (!CollectsAgents)
        {
            return;
        }

        var column = AddAgentReporterName(name);
        var columns = _agentColumns.OfType<AgentColumns<T>>().FirstOrDefault(c => c.Agents == agents);
        if (columns is null)
        {
            columns = new AgentColumns<T>(agents);
            _agentColumns.Add(columns);
        }

        columns.Set(column, value);
    }

    /// <inheritdoc />
    public sealed override double Report(int reporter) => _reporters[reporter]();

    /// <inheritdoc />
    protected sealed override void CollectAgentRows(AgentRowSink sink)
    {
        Span<double> row = stackalloc double[Data.AgentReporterNames.Count];
        foreach (var columns in _agentColumns)
        {
            columns.Collect(sink, row);
        }
    }

    /// <inheritdoc />
    protected sealed override void WriteState(CheckpointWriter writer) => _state.Write(this, writer);

    /// <inheritdoc />
    protected sealed override void ReadState(CheckpointReader reader) => _state.Read(this, reader);
}
