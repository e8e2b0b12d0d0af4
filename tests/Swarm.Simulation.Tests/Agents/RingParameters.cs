namespace Swarm.Simulation.Tests.Agents;

public sealed record RingParameters;
