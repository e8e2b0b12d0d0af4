using Swarm.Simulation;
using Swarm.Simulation.Models.Boltzmann;
using Swarm.Simulation.Models.Flocking;
using Swarm.Simulation.Models.ForestFire;
using Swarm.Simulation.Models.Schelling;
using Swarm.Simulation.Models.WolfSheep;

namespace Swarm.Orchestrations;

/// <summary>How many agents a model steps at once, and so how many agent steps a stretch of steps is worth.</summary>
/// <remarks>
/// <para>The reference models count their agents as the framework comparison does: Schelling and Boltzmann their
/// agents, Flocking its birds, WolfSheep the wolves and sheep alive, ForestFire its trees (every non-empty cell,
/// burning or not). A model this census does not know has no count, and no agent steps are reported for it.</para>
/// <para>Populations that change while a stretch runs (WolfSheep) are counted at both ends and averaged; for the
/// others the count is fixed and a stretch is exactly agents × steps.</para>
/// </remarks>
public static class AgentCensus
{
    /// <summary>The agents <paramref name="model"/> has now, or null for a model the census does not know.</summary>
    public static long? Count(Model model) => model switch
    {
        SchellingModel schelling => schelling.AgentCount,
        BoltzmannWealthModel boltzmann => boltzmann.AgentCount,
        FlockingModel flocking => flocking.BirdCount,
        WolfSheepModel wolfSheep => (long)wolfSheep.SheepCount + wolfSheep.WolfCount,
        ForestFireModel forest => (long)(forest.Report("green") + forest.Report("burning") + forest.Report("burnt")),
        _ => null,
    };

    /// <summary>
    /// The agent steps of <paramref name="steps"/> steps that began with <paramref name="agentsBefore"/> agents and
    /// ended with <paramref name="agentsAfter"/>; 0 when either count is unknown.
    /// </summary>
    public static long AgentSteps(long? agentsBefore, long? agentsAfter, long steps) =>
        agentsBefore is { } before && agentsAfter is { } after && steps > 0
            ? before == after ? before * steps : (long)Math.Round((before + after) / 2.0 * steps, MidpointRounding.AwayFromZero)
            : 0;
}
