using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>A wolf: walks, eats a sheep of its cell, starves below 0 energy, reproduces.</summary>
public struct Wolf : IAgent<WolfSheep>
{
    /// <summary>Where it is.</summary>
    public int Cell;

    /// <summary>Energy left.</summary>
    public double Energy;

    /// <inheritdoc />
    public void Step(WolfSheep model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.Settings;
        Cell = model.Topology.RandomNeighbourCell(Cell, model.Random);
        Energy--;
        if (model.SheepGrid.RandomAt(Cell, model.Random) is var prey and >= 0)
        {
            model.Sheep.Remove(prey);
            Energy += p.WolfGainFromFood;
        }

        if (Energy < 0)
        {
            model.Wolves.Remove(self);
        }
        else if (model.Random.NextDouble() < p.WolfReproduce)
        {
            Energy /= 2;
            model.Wolves.Add(this);
        }
    }
}
