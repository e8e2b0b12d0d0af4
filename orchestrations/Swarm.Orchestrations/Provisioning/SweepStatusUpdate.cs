namespace Swarm.Orchestrations.Provisioning;

/// <summary>A change of a sweep record's status, with the reason when it is a failure.</summary>
public sealed record SweepStatusUpdate(string SweepId, SweepStatus Status, string? Error = null);
