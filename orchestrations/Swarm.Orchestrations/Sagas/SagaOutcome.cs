namespace Swarm.Orchestrations.Sagas;

/// <summary>Which steps ran, which failed and which were compensated.</summary>
/// <param name="Status">How the saga ended.</param>
/// <param name="Ran">Steps that completed, in order.</param>
/// <param name="FailedStep">The step that failed, if any.</param>
/// <param name="Error">Its error message.</param>
/// <param name="Compensated">Steps whose undo ran, in the order they ran (last step first).</param>
/// <param name="CompensationFailures">Undos that failed, with their errors.</param>
public sealed record SagaOutcome(
    SagaStatus Status,
    IReadOnlyList<string> Ran,
    string? FailedStep,
    string? Error,
    IReadOnlyList<string> Compensated,
    IReadOnlyList<SagaCompensationFailure> CompensationFailures);
