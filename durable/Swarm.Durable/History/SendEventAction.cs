namespace Swarm.Durable.History;

/// <summary>Send an event to another instance.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Instance">The receiver.</param>
/// <param name="Name">The event name.</param>
/// <param name="Data">The serialized payload.</param>
public sealed record SendEventAction(int Id, OrchestrationInstance Instance, string Name, string? Data) : OrchestratorAction(Id);
