using System.Numerics;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Data;
using Swarm.Simulation.Scheduling;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>
/// Wolf–sheep–grass predation, as declared by the ABM framework comparison: every step all sheep
/// act (fresh random order), then all wolves (fresh random order), then the grass grows.
/// </summary>
/// <remarks>
/// <para>Sheep: random walk to one of the 8 adjacent cells, lose 1 energy, eat fully grown grass
/// (gain <c>sheepGainFromFood</c>; the grass restarts its countdown at <c>grassRegrowthTime</c>),
/// die if energy &lt; 1, else reproduce with probability <c>sheepReproduce</c>. Wolves: random
/// walk, lose 1 energy, eat one uniformly chosen sheep of their cell (gain <c>wolfGainFromFood</c>),
/// die if energy &lt; 0, else reproduce with probability <c>wolfReproduce</c>. Reproduction halves
/// the parent's energy and gives the offspring the other half, on the same cell. The thresholds
/// (&lt; 1 for sheep, &lt; 0 for wolves) are the declaration's.</para>
/// <para>Initial energies are uniform integers in [1, 2 × gain]; each grass cell starts fully
/// grown with probability ½, otherwise with a countdown uniform in [1, regrowth]. Grass is one
/// integer layer: countdown 0 means fully grown; each step every positive countdown drops by one.</para>
/// <para>Random walks on a bounded grid choose uniformly among the adjacent cells inside it.
/// Newborns act from the next step on; slots freed by deaths are recycled between phases only.</para>
/// <para>Sheep and wolves are separate agent types with their own struct-of-arrays storage and a
/// shared id sequence; sheep are also indexed per cell (<see cref="MultiGrid"/>) so a wolf finds
/// its prey in O(cellmates). Reproduction probability and energy gain are per type, since every
/// animal of a type has the same value.</para>
/// </remarks>
public sealed class WolfSheepModel : Model
{
    /// <summary>The catalog name.</summary>
    public const string CatalogName = "wolfsheep";

    private const int SheepType = 0;
    private const int WolfType = 1;

    private static readonly IReadOnlyList<string> AgentReporterList = ["type", "x", "y", "energy"];

    private readonly GridTopology _topology;
    private readonly PropertyLayer<int> _grass;
    private readonly MultiGrid _sheepGrid;
    private readonly TypeOrderedActivation _schedule;
    private readonly AgentIdSequence _ids;
    private readonly int _regrowth;
    private readonly double _sheepReproduce;
    private readonly double _wolfReproduce;
    private readonly double _sheepGain;
    private readonly double _wolfGain;
    private AgentSlots _sheep;
    private AgentSlots _wolves;
    private int[] _sheepCell;
    private double[] _sheepEnergy;
    private int[] _wolfCell;
    private double[] _wolfEnergy;

    /// <summary>Creates the model with animals at random cells and half the grass grown.</summary>
    public WolfSheepModel(WolfSheepParameters parameters, ulong seed, ulong runKey = 0)
        : base(CatalogName, Checked(parameters).ToModelParameters(), seed, runKey, parameters.CollectEvery, ModelReporters, parameters.CollectAgents ? AgentReporterList : [])
    {
        Settings = parameters;
        _regrowth = parameters.GrassRegrowthTime;
        _sheepReproduce = parameters.SheepReproduce;
        _wolfReproduce = parameters.WolfReproduce;
        _sheepGain = parameters.SheepGainFromFood;
        _wolfGain = parameters.WolfGainFromFood;
        _topology = new GridTopology(parameters.Width, parameters.Height, parameters.Torus);
        _grass = new PropertyLayer<int>("grassCountdown", _topology);
        _ids = new AgentIdSequence();
        // Room for growth from the start: populations typically grow a few-fold before settling.
        _sheep = new AgentSlots(Math.Max(16, parameters.InitialSheep * 4), _ids);
        _wolves = new AgentSlots(Math.Max(16, parameters.InitialWolves * 4), _ids);
        _sheepCell = new int[_sheep.Capacity];
        _sheepEnergy = new double[_sheep.Capacity];
        _wolfCell = new int[_wolves.Capacity];
        _wolfEnergy = new double[_wolves.Capacity];
        _sheepGrid = new MultiGrid(_topology, _sheep.Capacity);
        _schedule = new TypeOrderedActivation(2, shuffleTypes: false, shuffleAgents: true);

        var cells = _topology.CellCount;
        var sheepEnergyMax = (int)Math.Max(1, 2 * _sheepGain);
        for (var i = 0; i < parameters.InitialSheep; i++)
        {
            AddSheep(Random.NextInt(cells), Random.NextInt(1, sheepEnergyMax));
        }

        var wolfEnergyMax = (int)Math.Max(1, 2 * _wolfGain);
        for (var i = 0; i < parameters.InitialWolves; i++)
        {
            AddWolf(Random.NextInt(cells), Random.NextInt(1, wolfEnergyMax));
        }

        var grass = _grass.Values;
        for (var c = 0; c < grass.Length; c++)
        {
            grass[c] = Random.NextBool() ? 0 : Random.NextInt(1, _regrowth);
        }

        CompleteConstruction();
    }

    /// <summary>The model reporters: live sheep, live wolves, and fully grown grass cells.</summary>
    public static IReadOnlyList<string> ModelReporters { get; } = ["sheep", "wolves", "grass"];

    /// <summary>The typed parameters.</summary>
    public WolfSheepParameters Settings { get; }

    /// <summary>Live sheep.</summary>
    public int SheepCount => _sheep.Count;

    /// <summary>Live wolves.</summary>
    public int WolfCount => _wolves.Count;

    /// <summary>The wolves and sheep alive (grass patches are not agents in the comparison's count).</summary>
    public override int AgentCount => _sheep.Count + _wolves.Count;

    /// <summary>The grass countdown per cell (0 = fully grown).</summary>
    public PropertyLayer<int> Grass => _grass;

    /// <summary>The sheep population's slots.</summary>
    public AgentSlots Sheep => _sheep;

    /// <summary>The wolf population's slots.</summary>
    public AgentSlots Wolves => _wolves;

    /// <summary>The energy of the sheep in <paramref name="slot"/>.</summary>
    public double SheepEnergyOf(int slot) => _sheepEnergy[slot];

    /// <summary>The energy of the wolf in <paramref name="slot"/>.</summary>
    public double WolfEnergyOf(int slot) => _wolfEnergy[slot];

    /// <summary>The cell of the sheep in <paramref name="slot"/>.</summary>
    public int SheepCellOf(int slot) => _sheepCell[slot];

    /// <summary>The cell of the wolf in <paramref name="slot"/>.</summary>
    public int WolfCellOf(int slot) => _wolfCell[slot];

    /// <inheritdoc />
    protected override int StateVersion => 1;

    /// <inheritdoc />
    public override double Report(int reporter) => reporter switch
    {
        0 => _sheep.Count,
        1 => _wolves.Count,
        2 => _grass.Count(0),
        _ => throw new ArgumentOutOfRangeException(nameof(reporter)),
    };

    /// <inheritdoc />
    protected override void StepCore()
    {
        foreach (var type in _schedule.TypeOrder(Random))
        {
            if (type == SheepType)
            {
                foreach (var s in _schedule.AgentOrder(SheepType, _sheep, Random))
                {
                    if (_sheep.IsAlive(s))
                    {
                        StepSheep(s);
                    }
                }
            }
            else
            {
                foreach (var w in _schedule.AgentOrder(WolfType, _wolves, Random))
                {
                    if (_wolves.IsAlive(w))
                    {
                        StepWolf(w);
                    }
                }
            }

            // Slots of the dead become reusable only between phases, so no newborn takes a slot still in the order.
            _sheep.Recycle();
            _wolves.Recycle();
        }

        GrowGrass(_grass.Values);
    }

    private void StepSheep(int s)
    {
        var cell = RandomNeighbourCell(_sheepCell[s]);
        _sheepCell[s] = cell;
        _sheepGrid.Move(s, cell);
        var energy = _sheepEnergy[s] - 1;
        var grass = _grass.Values;
        if (grass[cell] == 0)
        {
            energy += _sheepGain;
            grass[cell] = _regrowth;
        }

        if (energy < 1)
        {
            _sheepGrid.Remove(s);
            _sheep.Remove(s);
            return;
        }

        if (Random.NextDouble() < _sheepReproduce)
        {
            energy /= 2;
            AddSheep(cell, energy);
        }

        _sheepEnergy[s] = energy;
    }

    private void StepWolf(int w)
    {
        var cell = RandomNeighbourCell(_wolfCell[w]);
        _wolfCell[w] = cell;
        var energy = _wolfEnergy[w] - 1;
        var cellmates = _sheepGrid.CountAt(cell);
        if (cellmates > 0)
        {
            var lists = _sheepGrid.Cells;
            var prey = lists.FirstAt(cell);
            for (var k = Random.NextInt(cellmates); k > 0; k--)
            {
                prey = lists.NextOf(prey);
            }

            _sheepGrid.Remove(prey);
            _sheep.Remove(prey);
            energy += _wolfGain;
        }

        if (energy < 0)
        {
            _wolves.Remove(w);
            return;
        }

        if (Random.NextDouble() < _wolfReproduce)
        {
            energy /= 2;
            AddWolf(cell, energy);
        }

        _wolfEnergy[w] = energy;
    }

    private int RandomNeighbourCell(int cell)
    {
        var t = _topology;
        var x = cell % t.Width;
        var y = cell / t.Width;
        // Rejection keeps the choice uniform among the adjacent cells that exist; interior cells never reject.
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var k = Random.NextInt(8);
            // Offsets of the 3×3 block in row order, skipping the centre (index 4).
            var block = k < 4 ? k : k + 1;
            var nx = x + (block % 3) - 1;
            var ny = y + (block / 3) - 1;
            if (t.TryNormalise(ref nx, ref ny))
            {
                return t.CellOf(nx, ny);
            }
        }

        // Only a 1×1 bounded grid has no adjacent cell at all.
        return cell;
    }

    private static void GrowGrass(Span<int> countdown)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<int>.One;
            var zero = Vector<int>.Zero;
            for (; i + Vector<int>.Count <= countdown.Length; i += Vector<int>.Count)
            {
                var v = new Vector<int>(countdown[i..]);
                Vector.Max(v - one, zero).CopyTo(countdown[i..]);
            }
        }

        for (; i < countdown.Length; i++)
        {
            if (countdown[i] > 0)
            {
                countdown[i]--;
            }
        }
    }

    private void AddSheep(int cell, double energy)
    {
        var slot = _sheep.Add();
        if (_sheepCell.Length < _sheep.Capacity)
        {
            _sheep.EnsureColumn(ref _sheepCell);
            _sheep.EnsureColumn(ref _sheepEnergy);
            _sheepGrid.EnsureAgentCapacity(_sheep.Capacity);
        }

        _sheepCell[slot] = cell;
        _sheepEnergy[slot] = energy;
        _sheepGrid.Place(slot, cell);
    }

    private void AddWolf(int cell, double energy)
    {
        var slot = _wolves.Add();
        if (_wolfCell.Length < _wolves.Capacity)
        {
            _wolves.EnsureColumn(ref _wolfCell);
            _wolves.EnsureColumn(ref _wolfEnergy);
        }

        _wolfCell[slot] = cell;
        _wolfEnergy[slot] = energy;
    }

    /// <inheritdoc />
    protected override void CollectAgentRows(AgentRowSink sink)
    {
        Span<double> row = stackalloc double[4];
        for (var s = 0; s < _sheep.HighWater; s++)
        {
            if (_sheep.IsAlive(s))
            {
                row[0] = SheepType;
                row[1] = _topology.XOf(_sheepCell[s]);
                row[2] = _topology.YOf(_sheepCell[s]);
                row[3] = _sheepEnergy[s];
                sink.Add(_sheep.IdOf(s), row);
            }
        }

        for (var w = 0; w < _wolves.HighWater; w++)
        {
            if (_wolves.IsAlive(w))
            {
                row[0] = WolfType;
                row[1] = _topology.XOf(_wolfCell[w]);
                row[2] = _topology.YOf(_wolfCell[w]);
                row[3] = _wolfEnergy[w];
                sink.Add(_wolves.IdOf(w), row);
            }
        }
    }

    /// <inheritdoc />
    protected override void WriteState(CheckpointWriter writer)
    {
        _sheep.WriteTo(writer);
        writer.WriteArray(_sheepCell, _sheep.HighWater);
        writer.WriteArray(_sheepEnergy, _sheep.HighWater);
        _wolves.WriteTo(writer);
        writer.WriteArray(_wolfCell, _wolves.HighWater);
        writer.WriteArray(_wolfEnergy, _wolves.HighWater);
        _sheepGrid.WriteTo(writer);
        _grass.WriteTo(writer);
    }

    /// <inheritdoc />
    protected override void ReadState(CheckpointReader reader)
    {
        _sheep = new AgentSlots(0, _ids);
        _sheep.ReadFrom(reader);
        _sheepCell = new int[_sheep.Capacity];
        _sheepEnergy = new double[_sheep.Capacity];
        reader.ReadExact<int>(_sheepCell, _sheep.HighWater);
        reader.ReadExact<double>(_sheepEnergy, _sheep.HighWater);
        _wolves = new AgentSlots(0, _ids);
        _wolves.ReadFrom(reader);
        _wolfCell = new int[_wolves.Capacity];
        _wolfEnergy = new double[_wolves.Capacity];
        reader.ReadExact<int>(_wolfCell, _wolves.HighWater);
        reader.ReadExact<double>(_wolfEnergy, _wolves.HighWater);
        _sheepGrid.ReadFrom(reader);
        _sheepGrid.EnsureAgentCapacity(_sheep.Capacity);
        _grass.ReadFrom(reader);
        ValidateCells(_sheepCell, _sheep);
        ValidateCells(_wolfCell, _wolves);
    }

    private void ValidateCells(int[] cells, AgentSlots slots)
    {
        for (var i = 0; i < slots.HighWater; i++)
        {
            if (slots.IsAlive(i) && (uint)cells[i] >= (uint)_topology.CellCount)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: an animal is outside the grid.");
            }
        }
    }

    private static WolfSheepParameters Checked(WolfSheepParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = ParameterValidation.Validate(WolfSheepParameters.Schema, parameters.ToModelParameters());
        return errors.Count == 0 ? parameters : throw new ModelParameterException(CatalogName, errors);
    }
}
