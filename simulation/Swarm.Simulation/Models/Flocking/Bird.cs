using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.Flocking;

/// <summary>A boid: its unit velocity, and how many birds it saw at its last step.</summary>
public struct Bird : IAgent<Flocking>
{
    /// <summary>Velocity, x.</summary>
    public double Vx;

    /// <summary>Velocity, y.</summary>
    public double Vy;

    /// <summary>Birds within sight at the last step.</summary>
    public int Neighbours;

    /// <inheritdoc />
    public void Step(Flocking model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.Settings;
        var near = model.Space.Neighbours(self, p.VisualDistance);
        double cohereX = 0, cohereY = 0, separateX = 0, separateY = 0, matchX = 0, matchY = 0;
        var separation2 = p.Separation * p.Separation;
        for (var i = 0; i < near.Count; i++)
        {
            cohereX += near.Dx[i];
            cohereY += near.Dy[i];
            if (near.DistanceSquared[i] < separation2)
            {
                separateX -= near.Dx[i];
                separateY -= near.Dy[i];
            }

            ref var other = ref model.Birds[near.Slots[i]];
            matchX += other.Vx;
            matchY += other.Vy;
        }

        Neighbours = near.Count;
        var n = (double)Math.Max(near.Count, 1);
        var vx = (Vx + (cohereX * (p.CohereFactor / n)) + (separateX * (p.SeparateFactor / n)) + (matchX * (p.MatchFactor / n))) / 2;
        var vy = (Vy + (cohereY * (p.CohereFactor / n)) + (separateY * (p.SeparateFactor / n)) + (matchY * (p.MatchFactor / n))) / 2;
        var norm = Math.Sqrt((vx * vx) + (vy * vy));
        if (norm > 0)
        {
            (Vx, Vy) = (vx / norm, vy / norm);
        }

        model.Space.Move(self, model.Space.XOf(self) + (Vx * p.Speed), model.Space.YOf(self) + (Vy * p.Speed));
    }
}
