namespace Swarm.Functions.Intake;

/// <summary>The result of handling one job message; the message may be removed from the queue once this is returned.</summary>
/// <param name="Kind">Started, duplicate or rejected.</param>
/// <param name="InstanceId">The orchestration instance id (the message id), when the message had a usable one.</param>
/// <param name="Rejection">The rejection record, when <paramref name="Kind"/> is <see cref="IntakeOutcomeKind.Rejected"/>.</param>
public sealed record IntakeOutcome(IntakeOutcomeKind Kind, string? InstanceId, JobRejection? Rejection = null);
