namespace Swarm.Durable.History;

/// <summary>Create a durable timer.</summary>
/// <param name="Id">The action id.</param>
/// <param name="FireAt">When it fires (UTC).</param>
public sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id);
