using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Models.Schelling;

/// <summary>A Schelling agent: its group, and whether it was happy when it last looked around.</summary>
public struct Resident : IAgent<Schelling>
{
    /// <summary>1 or 2.</summary>
    public int Group;

    /// <summary>Whether enough neighbours shared its group at its last step.</summary>
    public bool Happy;

    /// <inheritdoc />
    public void Step(Schelling model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var same = 0;
        foreach (var other in model.Grid.NeighboursOf(self, model.Settings.Radius))
        {
            same += model.Residents[other].Group == Group ? 1 : 0;
        }

        Happy = same >= model.Settings.MinToBeHappy;
        if (!Happy)
        {
            model.Grid.MoveToRandomEmpty(self, model.Random);
            model.Moved++;
        }
    }
}
