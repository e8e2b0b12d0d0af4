namespace Swarm.Durable.History;

/// <summary>Finish the execution (or restart it, for ContinueAsNew).</summary>
/// <param name="Id">The action id.</param>
/// <param name="OrchestrationStatus">Completed, Failed, Terminated or ContinuedAsNew.</param>
/// <param name="Result">The serialized output, or for ContinueAsNew the new input.</param>
/// <param name="Details">Free-form details.</param>
/// <param name="NewVersion">For ContinueAsNew, the version of the next execution.</param>
/// <param name="CarryoverEvents">For ContinueAsNew, events received but not yet processed, handed to the next execution.</param>
/// <param name="FailureDetails">Why it failed, when it did.</param>
/// <param name="Tags">Free-form tags.</param>
public sealed record CompleteOrchestrationAction(
    int Id,
    OrchestrationStatus OrchestrationStatus,
    string? Result,
    string? Details = null,
    string? NewVersion = null,
    IReadOnlyList<HistoryEvent>? CarryoverEvents = null,
    TaskFailureDetails? FailureDetails = null,
    IReadOnlyDictionary<string, string>? Tags = null) : OrchestratorAction(Id);
