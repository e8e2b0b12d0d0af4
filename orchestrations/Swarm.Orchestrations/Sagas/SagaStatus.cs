namespace Swarm.Orchestrations.Sagas;

/// <summary>How a saga ended.</summary>
public enum SagaStatus
{
    /// <summary>Every step ran.</summary>
    Completed,

    /// <summary>A step failed and every registered undo ran.</summary>
    Compensated,

    /// <summary>A step failed and at least one undo failed too: something may be left behind.</summary>
    PartiallyCompensated,
}
