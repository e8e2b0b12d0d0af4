namespace Swarm.Orchestrations.Jobs;

/// <summary>The result of submitting a job: its instance id, and whether this submission created it (false: it already existed).</summary>
/// <param name="InstanceId">The instance id (the idempotency key).</param>
/// <param name="Kind">Simulation or sweep.</param>
/// <param name="Created">This submission started the instance.</param>
/// <param name="Conflicts">An instance under this id already exists with another job: the key was reused for a different body, and nothing was started.</param>
public sealed record JobStart(string InstanceId, JobKind Kind, bool Created, bool Conflicts = false);
