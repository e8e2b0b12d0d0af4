using Swarm.Simulation.Data;

namespace Swarm.Simulation.Agents;

/// <summary>The agent reporter columns one agent set fills.</summary>
internal interface IAgentColumns
{
    /// <summary>Adds one row per live agent to <paramref name="sink"/>, using <paramref name="row"/> (one entry per column) as scratch.</summary>
    void Collect(AgentRowSink sink, Span<double> row);
}
