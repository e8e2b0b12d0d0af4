namespace Swarm.Simulation.Spaces;

/// <summary>Receives each agent a radius query finds; a struct, so the query loop is specialised and inlined.</summary>
public interface INeighbourVisitor
{
    /// <summary>Called once per agent within the radius.</summary>
    /// <param name="slot">The agent found.</param>
    /// <param name="dx">Its x displacement from the query point (shortest way round on a torus).</param>
    /// <param name="dy">Its y displacement from the query point.</param>
    /// <param name="distanceSquared">dx² + dy².</param>
    void Visit(int slot, double dx, double dy, double distanceSquared);
}
