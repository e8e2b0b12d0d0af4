using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Data;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation;

/// <summary>
/// The base of every model: step counting, the run's random stream, data collection, reporters
/// and checkpoints. A concrete model owns its agents (struct-of-arrays) and spaces.
/// </summary>
/// <remarks>
/// <para>Determinism: a model's whole evolution is a function of its parameters, seed and run key.
/// It draws randomness only from <see cref="Random"/> and holds no static mutable state, so
/// instances can run concurrently on different threads (one thread per instance).</para>
/// <para>Checkpoint contract: <see cref="WriteState"/> must write everything <see cref="StepCore"/>
/// reads, and <see cref="ReadState"/> must restore it exactly, so that restoring at step k and
/// running to n reproduces the uninterrupted run bit for bit.</para>
/// <para>Performance: a step loop over very large populations runs only a few times per process,
/// so tiered compilation would leave it in on-stack-replacement code; such loops are marked
/// <c>AggressiveOptimization</c> to be fully optimised from the first call. Small, frequently
/// stepped models keep tiering, whose profile-guided code is faster once warm.</para>
/// <para>Models are written against <see cref="Model{TParameters}"/>, which derives the parameter schema, the
/// reporters and the checkpoint from the model's own declarations. Deriving from this class directly means
/// implementing <see cref="Report(int)"/>, <see cref="WriteState"/> and <see cref="ReadState"/> by hand; a model
/// that does so ends its constructor with <see cref="CompleteConstruction"/>.</para>
/// </remarks>
public abstract class Model
{
    private readonly List<string> _reporterNames;
    private readonly List<string> _agentReporterNames;
    private readonly Dictionary<string, int> _reporterIndex;
    private readonly Dictionary<string, Catalog.MetricDomain> _reporterDomains = new(StringComparer.Ordinal);
    private DataCollector? _data;
    private bool _started;

    /// <summary>Initialises the common state of a model that implements its reporters and checkpoint itself.</summary>
    /// <param name="name">The model's catalog name.</param>
    /// <param name="parameters">The complete parameter set (checkpointed so the model can be rebuilt).</param>
    /// <param name="seed">The experiment seed.</param>
    /// <param name="runKey">The run key: distinguishes runs sharing a seed.</param>
    /// <param name="collectEvery">Collect data every this many steps; 0 turns collection off.</param>
    /// <param name="reporterNames">The model reporters, answered by <see cref="Report(int)"/>.</param>
    /// <param name="agentReporterNames">The agent reporters, or empty when agent collection is off.</param>
    protected Model(string name, ModelParameters parameters, ulong seed, ulong runKey, int collectEvery, IReadOnlyList<string> reporterNames, IReadOnlyList<string> agentReporterNames)
        : this(parameters, new ModelContext(seed, runKey, collectEvery))
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(reporterNames);
        ArgumentNullException.ThrowIfNull(agentReporterNames);
        Name = name;
        foreach (var reporter in reporterNames)
        {
            AddReporterName(reporter);
        }

        _agentReporterNames.AddRange(agentReporterNames);
    }

    /// <summary>Initialises the common state of a <see cref="Model{TParameters}"/>, whose name comes from its class.</summary>
    private protected Model(ModelParameters parameters, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(context.CollectEvery);
        Name = Catalog.ModelDeclaration.NameOf(GetType());
        Parameters = parameters;
        Seed = context.Seed;
        RunKey = context.RunKey;
        CollectEvery = context.CollectEvery;
        Random = SimulationRandom.ForRun(context.Seed, context.RunKey);
        _reporterNames = [];
        _agentReporterNames = [];
        _reporterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    /// <summary>The model's catalog name.</summary>
    public string Name { get; }

    /// <summary>The complete parameter set.</summary>
    public ModelParameters Parameters { get; }

    /// <summary>The experiment seed.</summary>
    public ulong Seed { get; }

    /// <summary>The run key.</summary>
    public ulong RunKey { get; }

    /// <summary>Data is collected after every step whose count is a multiple of this (and at step 0); 0 means never.</summary>
    public int CollectEvery { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// The agents a step steps now, counted as the framework comparison counts them; a step's agent steps. Throughput in
    /// agent steps per second is what compares models of different sizes (and frameworks).
    /// </summary>
    public abstract int AgentCount { get; }

    /// <summary>The run's random stream; the only source of randomness a model may use (<see cref="SimulationRandom.Split"/> gives more).</summary>
    public SimulationRandom Random { get; }

    /// <summary>The collected data (the step-0 row is taken when the model is first stepped, saved or read).</summary>
    public DataCollector Data
    {
        get
        {
            Start();
            return _data!;
        }
    }

    /// <summary>The model reporters, readable with <see cref="Report(string)"/>.</summary>
    public IReadOnlyList<string> ReporterNames => _reporterNames;

    /// <summary>The values each model reporter can take, where it declared them (the rest are <see cref="Catalog.MetricDomain.Real"/>).</summary>
    public IReadOnlyDictionary<string, Catalog.MetricDomain> ReporterDomains => _reporterDomains;

    /// <summary>Whether agent reporters are collected (the <c>collectAgents</c> parameter).</summary>
    private protected bool CollectsAgents => Parameters.TryGetValue("collectAgents", out var value) && value is true;

    /// <summary>Version of the layout <see cref="WriteState"/> produces; bump it when the layout changes.</summary>
    protected abstract int StateVersion { get; }

    /// <summary>The current value of reporter <paramref name="name"/>.</summary>
    public double Report(string name)
    {
        if (!_reporterIndex.TryGetValue(name, out var index))
        {
            throw new ArgumentException($"Model '{Name}' has no reporter '{name}'; known: {string.Join(", ", _reporterNames)}.", nameof(name));
        }

        return Report(index);
    }

    /// <summary>The current value of reporter number <paramref name="reporter"/> (in <see cref="ReporterNames"/> order).</summary>
    public abstract double Report(int reporter);

    /// <summary>Advances the model by one step, then collects data if the step is due.</summary>
    public void Step()
    {
        Start();
        StepCore();
        StepCount++;
        if (CollectEvery > 0 && StepCount % CollectEvery == 0)
        {
            Collect();
        }
    }

    /// <summary>Takes <paramref name="steps"/> steps.</summary>
    public void Run(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (var i = 0; i < steps; i++)
        {
            Step();
        }
    }

    /// <summary>Runs until <see cref="StepCount"/> reaches <paramref name="step"/> (no-op if already there).</summary>
    public void RunUntil(long step)
    {
        while (StepCount < step)
        {
            Step();
        }
    }

    /// <summary>One step of the model's dynamics.</summary>
    protected abstract void StepCore();

    /// <summary>Appends one row per agent to <paramref name="sink"/>; only called when agent reporters exist.</summary>
    protected virtual void CollectAgentRows(AgentRowSink sink)
    {
    }

    /// <summary>Writes the model's own state (agents, spaces, layers) to a checkpoint.</summary>
    protected abstract void WriteState(CheckpointWriter writer);

    /// <summary>Restores what <see cref="WriteState"/> wrote; called on a freshly constructed instance with the same parameters.</summary>
    protected abstract void ReadState(CheckpointReader reader);

    /// <summary>Marks construction finished and collects the initial row; the last call of a derived constructor.</summary>
    protected void CompleteConstruction() => Start();

    /// <summary>Adds a model reporter name and the values it can take; reporters are fixed once the model starts.</summary>
    private protected void AddReporterName(string name, Catalog.MetricDomain domain = Catalog.MetricDomain.Real)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_started)
        {
            ThrowHelper.ThrowInvalidOperation($"Reporter '{name}' added after model '{Name}' started; add reporters in the constructor.");
        }

        if (!_reporterIndex.TryAdd(name, _reporterNames.Count))
        {
            ThrowHelper.ThrowArgument(nameof(name), $"Model '{Name}' already has a reporter '{name}'.");
        }

        _reporterNames.Add(name);
        if (domain != Catalog.MetricDomain.Real)
        {
            _reporterDomains[name] = domain;
        }
    }

    /// <summary>Adds an agent reporter column (once per name); returns its index.</summary>
    private protected int AddAgentReporterName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var index = _agentReporterNames.IndexOf(name);
        if (index >= 0)
        {
            return index;
        }

        if (_started)
        {
            ThrowHelper.ThrowInvalidOperation($"Agent reporter '{name}' added after model '{Name}' started; add reporters in the constructor.");
        }

        _agentReporterNames.Add(name);
        return _agentReporterNames.Count - 1;
    }

    /// <summary>Fixes the reporters and collects the step-0 row; runs once, before the first step, save or read of data.</summary>
    private void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _data = new DataCollector(_reporterNames, _agentReporterNames);
        if (CollectEvery > 0)
        {
            Collect();
        }
    }

    private void Collect()
    {
        _data!.AppendModelRow(StepCount, this);
        if (_data.AgentReporterNames.Count > 0)
        {
            CollectAgentRows(new AgentRowSink(_data, StepCount));
        }
    }

    /// <summary>Writes a versioned binary snapshot of the whole model state to <paramref name="stream"/>.</summary>
    public void SaveCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new CheckpointWriter();
        WritePayload(writer);
        CheckpointEnvelope.Write(stream, writer.WrittenSpan);
    }

    /// <summary>The checkpoint as a byte array.</summary>
    public byte[] SaveCheckpoint()
    {
        using var stream = new MemoryStream();
        SaveCheckpoint(stream);
        return stream.ToArray();
    }

    /// <summary>A 64-bit hash of the complete model state (everything a checkpoint holds), for determinism checks.</summary>
    public ulong StateHash()
    {
        var writer = new CheckpointWriter();
        WritePayload(writer);
        return Checkpoints.StateHash.Compute(writer.WrittenSpan);
    }

    private void WritePayload(CheckpointWriter writer)
    {
        Start();
        CheckpointEnvelope.WriteHeader(writer, new CheckpointHeader(Name, StateVersion, Parameters, Seed, RunKey));
        writer.WriteInt64(StepCount);
        var (s0, s1, s2, s3) = Random.GetState();
        writer.WriteUInt64(s0);
        writer.WriteUInt64(s1);
        writer.WriteUInt64(s2);
        writer.WriteUInt64(s3);
        Data.WriteTo(writer);
        WriteState(writer);
    }

    /// <summary>Restores the state after the header; the instance was constructed from the header's parameters.</summary>
    internal void RestoreState(CheckpointHeader header, CheckpointReader reader)
    {
        Start();
        if (header.StateVersion != StateVersion)
        {
            throw new CheckpointFormatException($"The checkpoint holds '{Name}' state version {header.StateVersion}; this build reads version {StateVersion}.");
        }

        var step = reader.ReadInt64();
        if (step < 0)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: negative step count {step}.");
        }

        var s0 = reader.ReadUInt64();
        var s1 = reader.ReadUInt64();
        var s2 = reader.ReadUInt64();
        var s3 = reader.ReadUInt64();
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: all-zero random generator state.");
        }

        Random.SetState(s0, s1, s2, s3);
        Data.ReadFrom(reader);
        ReadState(reader);
        reader.EnsureEnd();
        StepCount = step;
    }
}
