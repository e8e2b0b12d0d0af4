namespace Swarm.Durable.History;

/// <summary>Terminate another instance.</summary>
/// <param name="Id">The action id.</param>
/// <param name="InstanceId">The instance to terminate.</param>
/// <param name="Reason">The serialized reason.</param>
/// <param name="Recurse">Whether its sub-orchestrations are terminated too.</param>
public sealed record TerminateOrchestrationAction(int Id, string InstanceId, string? Reason, bool Recurse = false) : OrchestratorAction(Id);
