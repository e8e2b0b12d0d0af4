namespace Swarm.Functions.Intake;

/// <summary>What became of a job message.</summary>
public enum IntakeOutcomeKind
{
    /// <summary>The job was valid and this message started its orchestration.</summary>
    Started,

    /// <summary>The job was valid and its instance already existed: a redelivery or a duplicate; nothing was started.</summary>
    Duplicate,

    /// <summary>The message was recorded in the rejections table (invalid, or given up after too many failed deliveries); it is not retried.</summary>
    Rejected,
}
