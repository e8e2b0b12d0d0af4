namespace Swarm.Orchestrations.Sagas;

/// <summary>An undo that failed: which step's, and why.</summary>
public sealed record SagaCompensationFailure(string Step, string Error);
