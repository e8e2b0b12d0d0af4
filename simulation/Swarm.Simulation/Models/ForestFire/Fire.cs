using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.ForestFire;

/// <summary>A burning tree: lights its green neighbours, then burns out.</summary>
public struct Fire : IAgent<ForestFire>
{
    /// <summary>The cell burning.</summary>
    public int Cell;

    /// <inheritdoc />
    public void Step(ForestFire model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var cell in model.Around.Of(Cell))
        {
            if (model.Forest[cell] == Tree.Green)
            {
                model.Forest[cell] = Tree.Burning;
                model.Fires.Add(new Fire { Cell = cell });
            }
        }

        model.Forest[Cell] = Tree.Burnt;
        model.Fires.Remove(self);
    }
}
