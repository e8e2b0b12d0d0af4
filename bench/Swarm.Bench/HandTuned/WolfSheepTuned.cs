using System.Numerics;
using Swarm.Simulation;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Models.WolfSheep;
using Swarm.Simulation.Spaces;

namespace Swarm.Bench.HandTuned;

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
public sealed class WolfSheepTuned : Model<WolfSheepParameters>
{

    private readonly GridTopology _topology;
    private readonly PropertyLayer<int> _grass;
    private readonly MultiGrid _sheepGrid;
    [NotCheckpointed]
    private int[] _order = [];
    [NotCheckpointed]
    private readonly AgentIdSequence _ids;
    private readonly int _regrowth;
    private readonly double _sheepReproduce;
    private readonly double _wolfReproduce;
    private readonly double _sheepGain;
    private readonly double _wolfGain;
    private readonly AgentSlots _sheep;
    private readonly AgentSlots _wolves;
    private int[] _sheepCell;
    private double[] _sheepEnergy;
    private int[] _wolfCell;
    private double[] _wolfEnergy;

    /// <summary>Creates the model with animals at random cells and half the grass grown.</summary>
    public WolfSheepTuned(WolfSheepParameters parameters, ModelContext context)
        : base(parameters, context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
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
        _sheepGrid = new MultiGrid(_topology, agentCapacity: _sheep.Capacity);

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

        Reporter("sheep", () => _sheep.Count);
        Reporter("wolves", () => _wolves.Count);
        Reporter("grass", () => _grass.Count(0));
    }

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
    protected override void StepCore()
    {
        foreach (var s in ActivationOrder.Shuffled(ref _order, _sheep, Random))
        {
            if (_sheep.IsAlive(s))
            {
                StepSheep(s);
            }
        }

        // Slots of the dead become reusable only between phases, so no newborn takes a slot still in the order.
        _sheep.Recycle();
        _wolves.Recycle();
        foreach (var w in ActivationOrder.Shuffled(ref _order, _wolves, Random))
        {
            if (_wolves.IsAlive(w))
            {
                StepWolf(w);
            }
        }

        _sheep.Recycle();
        _wolves.Recycle();
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

}
