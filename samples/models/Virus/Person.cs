using Swarm.Simulation.Agents;

namespace Virus;

/// <summary>A person on a node of the network.</summary>
public struct Person : IAgent<VirusOnNetwork>
{
    /// <summary>Susceptible, infected or resistant.</summary>
    public Health Health;

    /// <summary>An infected person infects each susceptible contact with some chance, then may check and recover.</summary>
    public void Step(VirusOnNetwork model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.Settings;
        if (Health != Health.Infected)
        {
            return;
        }

        foreach (var node in model.Network.Neighbours(model.Network.Agents.LocationOf(self)))
        {
            ref var contact = ref model.People[model.Network.Agents.FirstAt(node)];
            if (contact.Health == Health.Susceptible && model.Random.NextDouble() < p.SpreadChance)
            {
                contact.Health = Health.Infected;
            }
        }

        if (model.Random.NextDouble() < p.CheckFrequency && model.Random.NextDouble() < p.RecoveryChance)
        {
            Health = model.Random.NextDouble() < p.GainResistanceChance ? Health.Resistant : Health.Susceptible;
        }
    }
}
