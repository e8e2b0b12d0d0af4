using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>A sheep: walks, eats grown grass, starves below 1 energy, reproduces.</summary>
public struct Sheep : IAgent<WolfSheep>
{
    /// <summary>Energy left.</summary>
    public double Energy;

    /// <inheritdoc />
    public void Step(WolfSheep model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.Settings;
        var cell = model.SheepGrid.MoveToRandomNeighbour(self, model.Random);
        Energy--;
        if (model.Grass[cell] == 0)
        {
            Energy += p.SheepGainFromFood;
            model.Grass[cell] = p.GrassRegrowthTime;
        }

        if (Energy < 1)
        {
            model.Sheep.Remove(self);
        }
        else if (model.Random.NextDouble() < p.SheepReproduce)
        {
            Energy /= 2;
            model.SheepGrid.Place(model.Sheep.Add(this), cell);
        }
    }
}
