using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>What one episode produced; mirrors the protobuf <c>OrchestratorResponse</c> (plus the suspended flag).</summary>
/// <param name="Actions">The new actions, in id order; a CompleteOrchestration action, when present, is last.</param>
/// <param name="CustomStatus">The serialized custom status.</param>
/// <param name="IsSuspended">True when the instance is suspended after the episode.</param>
public sealed record OrchestratorResult(IReadOnlyList<OrchestratorAction> Actions, string? CustomStatus, bool IsSuspended)
{
    /// <summary>The completion action, when the execution finished in this episode.</summary>
    public CompleteOrchestrationAction? Completion =>
        Actions.Count > 0 ? Actions[^1] as CompleteOrchestrationAction : null;
}
