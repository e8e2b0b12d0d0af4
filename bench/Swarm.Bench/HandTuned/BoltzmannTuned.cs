using System.Runtime.CompilerServices;
using Swarm.Simulation;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Models.Boltzmann;
using Swarm.Simulation.Spaces;

namespace Swarm.Bench.HandTuned;

/// <summary>
/// The Boltzmann wealth model of Mesa's benchmarks: agents start with wealth 1 on a grid; each
/// step, in a fresh random order, an agent moves to a random adjacent cell (Moore) and, if it has
/// wealth, gives 1 to a uniformly chosen other agent of its new cell.
/// </summary>
/// <remarks>
/// <para>Total wealth is conserved; the distribution relaxes towards an exponential (Boltzmann–Gibbs),
/// so the Gini coefficient rises from 0 towards ~0.5.</para>
/// <para>Storage per agent: wealth (4 bytes), the intrusive cell list (next, previous, cell: 12) and
/// the activation order (4); per cell: list head and count (8).</para>
/// </remarks>
public sealed class BoltzmannTuned : Model<BoltzmannParameters>
{
    private readonly GridTopology _topology;
    private readonly MultiGrid _grid;
    [NotCheckpointed]
    private readonly int[] _order;
    private readonly int[] _wealth;
    private readonly int _agents;
    [NotCheckpointed]
    private int[] _histogram = [];

    /// <summary>Creates the model with every agent at a random cell and wealth 1.</summary>
    public BoltzmannTuned(BoltzmannParameters parameters, ModelContext context)
        : base(parameters, context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _agents = parameters.Agents;
        _topology = new GridTopology(parameters.Width, parameters.Height, parameters.Torus);
        _grid = new MultiGrid(_topology, agentCapacity: _agents);
        _order = new int[_agents];
        _wealth = new int[_agents];
        var cells = _topology.CellCount;
        for (var a = 0; a < _agents; a++)
        {
            _wealth[a] = 1;
            _grid.Place(a, Random.NextInt(cells));
        }

        Reporter("gini", Gini);
        Reporter("totalWealth", TotalWealth);
        Reporter("maxWealth", () => MaxWealth());
    }

    /// <summary>The grid.</summary>
    public MultiGrid Grid => _grid;

    /// <summary>Number of agents.</summary>
    public override int AgentCount => _agents;

    /// <summary>The wealth of agent <paramref name="agent"/>.</summary>
    public int WealthOf(int agent) => _wealth[agent];

    private int MaxWealth()
    {
        var max = 0;
        foreach (var w in _wealth)
        {
            max = Math.Max(max, w);
        }

        return max;
    }

    private double TotalWealth()
    {
        long total = 0;
        foreach (var w in _wealth)
        {
            total += w;
        }

        return total;
    }

    /// <summary>The Gini coefficient, from a histogram of the integer wealths (O(agents + max wealth), no sort).</summary>
    private double Gini()
    {
        if (_agents == 0)
        {
            return 0;
        }

        var max = MaxWealth();
        if (_histogram.Length < max + 1)
        {
            _histogram = new int[max + 1];
        }

        var histogram = _histogram.AsSpan(0, max + 1);
        histogram.Clear();
        foreach (var w in _wealth)
        {
            histogram[w]++;
        }

        // Gini = 2 Σ i·x(i) / (n Σ x) − (n + 1) / n over ascending x with ranks i = 1..n.
        double weighted = 0;
        double total = 0;
        long rank = 0;
        for (var v = 0; v <= max; v++)
        {
            long c = histogram[v];
            if (c == 0)
            {
                continue;
            }

            weighted += v * (double)c * ((2 * rank) + c + 1) / 2;
            total += v * (double)c;
            rank += c;
        }

        double n = _agents;
        return total == 0 ? 0 : (2 * weighted / (n * total)) - ((n + 1) / n);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void StepCore()
    {
        var order = ActivationOrder.Shuffled(_order, _agents, Random);
        var lists = _grid.Cells;
        var wealth = _wealth;
        var topology = _topology;
        var width = topology.Width;
        var height = topology.Height;
        var torus = topology.Torus;
        var inverseWidth = 1.0 / width;
        // Agents come in random order over arrays far larger than the caches at scale: fetch each
        // agent's record a few agents ahead, then its cell's neighbourhood and wealth, so the misses overlap.
        const int Ahead = 16;
        const int Near = 6;
        for (var i = 0; i < order.Length; i++)
        {
            if (i + Ahead < order.Length)
            {
                lists.PrefetchAgent(order[i + Ahead]);
            }

            if (i + Near < order.Length)
            {
                var future = order[i + Near];
                lists.PrefetchListNeighbours(future);
                var at = lists.LocationOf(future);
                lists.PrefetchLocation(at - width);
                lists.PrefetchLocation(at);
                lists.PrefetchLocation(at + width);
                CacheHint.Prefetch(wealth, future);
            }

            var agent = order[i];
            var cell = lists.LocationOf(agent);
            // Row by reciprocal multiplication, corrected by one either way: a hardware divide per agent costs more.
            var y = (int)(cell * inverseWidth);
            if (y * width > cell)
            {
                y--;
            }
            else if ((y + 1) * width <= cell)
            {
                y++;
            }

            var x = cell - (y * width);
            int nx, ny;
            while (true)
            {
                var k = Random.NextInt(8);
                // Offsets of the 3×3 block in row order, skipping the centre (index 4).
                var block = k < 4 ? k : k + 1;
                nx = x + (block % 3) - 1;
                ny = y + (block / 3) - 1;
                if ((uint)nx < (uint)width && (uint)ny < (uint)height)
                {
                    break;
                }

                if (torus)
                {
                    nx = nx < 0 ? nx + width : nx >= width ? nx - width : nx;
                    ny = ny < 0 ? ny + height : ny >= height ? ny - height : ny;
                    break;
                }

                if (width == 1 && height == 1)
                {
                    nx = x;
                    ny = y;
                    break;
                }
            }

            cell = (ny * width) + nx;
            lists.Move(agent, cell);
            if (wealth[agent] > 0)
            {
                var others = lists.CountAt(cell) - 1;
                if (others > 0)
                {
                    // Pick the k-th agent of the cell other than this one.
                    var k = Random.NextInt(others);
                    var other = lists.FirstAt(cell);
                    while (true)
                    {
                        if (other != agent)
                        {
                            if (k == 0)
                            {
                                break;
                            }

                            k--;
                        }

                        other = lists.NextOf(other);
                    }

                    wealth[other]++;
                    wealth[agent]--;
                }
            }
        }
    }

}
