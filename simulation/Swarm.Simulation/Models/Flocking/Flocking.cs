using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.Flocking;

/// <summary>
/// Boids flocking in a periodic continuous space, as the ABM framework comparison declares it: each step, in a fresh
/// random order, a bird averages a coherence, a separation and a matching vector over the birds it sees, sets its
/// velocity to <c>(v + cohere + separate + match) / 2</c> normalised, and moves <c>speed</c> along it.
/// </summary>
/// <remarks>Birds move one at a time, so later birds see earlier birds' new positions and velocities.</remarks>
[Model("Boids flocking in a periodic continuous space (ABM framework comparison).")]
public sealed class Flocking : Model<FlockingParameters>
{
    /// <summary>Birds at uniform positions with uniform unit headings.</summary>
    public Flocking(FlockingParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        Birds = new AgentSet<Bird>(p.Birds);
        // Buckets twice the visual distance: a query reads two or three short rows of contiguous entries (measured).
        Space = new ContinuousSpace(p.Width, p.Height, torus: true, cellSize: p.VisualDistance * 2, Birds);
        for (var b = 0; b < p.Birds; b++)
        {
            var (x, y) = (Random.NextDouble() * p.Width, Random.NextDouble() * p.Height);
            double vx, vy, norm;
            do
            {
                (vx, vy) = ((Random.NextDouble() * 2) - 1, (Random.NextDouble() * 2) - 1);
                norm = Math.Sqrt((vx * vx) + (vy * vy));
            }
            while (norm == 0);

            Space.Add(Birds.Add(new Bird { Vx = vx / norm, Vy = vy / norm }), x, y);
        }

        Reporter("alignment", () =>
        {
            var (sx, sy) = (Birds.Sum(b => b.Vx), Birds.Sum(b => b.Vy));
            return p.Birds == 0 ? 0 : Math.Sqrt((sx * sx) + (sy * sy)) / p.Birds;
        }, MetricDomain.Fraction);
        Reporter("meanNeighbours", () => p.Birds == 0 ? 0 : Birds.Sum(b => b.Neighbours) / p.Birds, MetricDomain.NonNegative);
        AgentReporter(Birds, "x", (_, self) => Space.XOf(self));
        AgentReporter(Birds, "y", (_, self) => Space.YOf(self));
        AgentReporter(Birds, "vx", (b, _) => b.Vx);
        AgentReporter(Birds, "vy", (b, _) => b.Vy);
    }

    /// <summary>The birds.</summary>
    public AgentSet<Bird> Birds { get; }

    /// <summary>The periodic space they fly in.</summary>
    public ContinuousSpace Space { get; }

    /// <inheritdoc />
    public override int AgentCount => Birds.Count;

    /// <inheritdoc />
    protected override void StepCore() => Birds.ShuffleDo(this);
}
