using Swarm.Simulation;
using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Spaces;

namespace Virus;

/// <summary>
/// Mesa's virus on a network: people on the nodes of a random (Erdős–Rényi) network; each step, in random order,
/// every infected person may infect each susceptible contact, and may notice the infection and recover, becoming
/// resistant or susceptible again.
/// </summary>
[Model("Virus spreading on a random contact network (Mesa's virus_on_network).", Name = "virus")]
public sealed class VirusOnNetwork : Model<VirusParameters>
{
    /// <summary>Builds the network, one susceptible person per node, and infects the outbreak at random.</summary>
    public VirusOnNetwork(VirusParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        People = new AgentSet<Person>(p.Nodes);
        Network = new NetworkSpace(p.Nodes, directed: false, agentCapacity: p.Nodes);
        Network.AddRandomEdges(p.Nodes > 1 ? p.AverageDegree / (p.Nodes - 1) : 0, Random);
        for (var node = 0; node < p.Nodes; node++)
        {
            Network.Agents.Add(People.Add(new Person()), node);
        }

        for (var infected = 0; infected < p.InitialOutbreak;)
        {
            ref var person = ref People[Random.NextInt(p.Nodes)];
            infected += person.Health == Health.Infected ? 0 : 1;
            person.Health = Health.Infected;
        }

        Reporter("susceptible", () => People.CountWhere(a => a.Health == Health.Susceptible), MetricDomain.Count);
        Reporter("infected", () => People.CountWhere(a => a.Health == Health.Infected), MetricDomain.Count);
        Reporter("resistant", () => People.CountWhere(a => a.Health == Health.Resistant), MetricDomain.Count);
        Reporter("resistantFraction", () => People.CountWhere(a => a.Health == Health.Resistant) / (double)p.Nodes, MetricDomain.Fraction);
        AgentReporter(People, "node", (_, self) => Network.Agents.LocationOf(self));
        AgentReporter(People, "health", (a, _) => (int)a.Health);
    }

    /// <summary>The people.</summary>
    public AgentSet<Person> People { get; }

    /// <summary>Who meets whom.</summary>
    public NetworkSpace Network { get; }

    /// <inheritdoc />
    public override int AgentCount => People.Count;

    /// <inheritdoc />
    protected override void StepCore() => People.ShuffleDo(this);
}
