namespace Swarm.Orchestrations.Provisioning;

/// <summary>The life of a sweep as its record tells it.</summary>
public enum SweepStatus
{
    /// <summary>Registered; its runs have not finished.</summary>
    Registered,

    /// <summary>Every run finished and the summary is written.</summary>
    Completed,

    /// <summary>A provisioning step failed and the steps before it were undone.</summary>
    Compensated,

    /// <summary>Cancelled by a caller; its quota was released.</summary>
    Cancelled,
}
