using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.Boltzmann;

/// <summary>An agent of the Boltzmann wealth model.</summary>
public struct Person : IAgent<Boltzmann>
{
    /// <summary>Units of wealth held.</summary>
    public int Wealth;

    /// <inheritdoc />
    public void Step(Boltzmann model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var cell = model.Grid.MoveToRandomNeighbour(self, model.Random);
        if (Wealth > 0 && model.Grid.RandomOtherAt(cell, self, model.Random) is var other and >= 0)
        {
            model.People[other].Wealth++;
            Wealth--;
        }
    }
}
