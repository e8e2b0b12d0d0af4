namespace Swarm.Durable.History;

/// <summary>The runtime status of an orchestration instance; values match the durabletask protobuf enum.</summary>
public enum OrchestrationStatus
{
    /// <summary>Started and not yet finished.</summary>
    Running = 0,

    /// <summary>Finished with a result.</summary>
    Completed = 1,

    /// <summary>Restarted itself with new input; the instance runs on as a new execution.</summary>
    ContinuedAsNew = 2,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed = 3,

    /// <summary>Canceled (kept for schema parity; this runtime does not produce it).</summary>
    Canceled = 4,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 5,

    /// <summary>Scheduled, not yet started.</summary>
    Pending = 6,

    /// <summary>Paused by a suspend request; events are held until it is resumed.</summary>
    Suspended = 7,
}
