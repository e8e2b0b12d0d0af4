namespace Swarm.Orchestrations.Jobs;

/// <summary>The result of submitting a job: its instance id, and whether this submission created it (false: it already existed).</summary>
public sealed record JobStart(string InstanceId, JobKind Kind, bool Created);
