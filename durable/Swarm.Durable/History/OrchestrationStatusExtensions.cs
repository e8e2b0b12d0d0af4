namespace Swarm.Durable.History;

/// <summary>Classification of <see cref="OrchestrationStatus"/> values.</summary>
public static class OrchestrationStatusExtensions
{
    /// <summary>True when the instance has finished and will not run again unless it is re-created.</summary>
    public static bool IsTerminal(this OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
            or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
