namespace Swarm.Durable.Execution;

/// <summary>Error types recorded in failure details for failures the runtime itself detects.</summary>
public static class RuntimeErrorTypes
{
    /// <summary>No orchestrator is registered under the requested name.</summary>
    public const string OrchestratorNotFound = "OrchestratorTaskNotFound";

    /// <summary>No activity is registered under the requested name.</summary>
    public const string ActivityNotFound = "ActivityTaskNotFound";

    /// <summary>The input could not be deserialized into the declared input type.</summary>
    public const string InputDeserialization = "InputDeserializationFailed";

    /// <summary>The output could not be serialized or is larger than the limit.</summary>
    public const string OutputTooLarge = "OutputTooLarge";

    /// <summary>The history is inconsistent or unreadable.</summary>
    public const string HistoryCorrupted = "HistoryCorrupted";

    /// <summary>The orchestrator awaited something that is not a durable task.</summary>
    public const string NonDurableAwait = "NonDurableAwait";

    /// <summary>A work item kept failing to process and was given up.</summary>
    public const string PoisonWorkItem = "PoisonWorkItem";

    /// <summary>A sub-orchestration could not be created because its instance id is in use.</summary>
    public const string InstanceAlreadyExists = "InstanceAlreadyExists";
}
