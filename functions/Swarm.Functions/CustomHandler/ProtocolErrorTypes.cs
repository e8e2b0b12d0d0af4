namespace Swarm.Functions.CustomHandler;

/// <summary>Error types recorded in failure details when an orchestrator request cannot be executed at all.</summary>
/// <remarks>
/// Failures the replay executor detects itself (unknown orchestrator, non-determinism, corrupted history) keep the
/// executor's own error types (<see cref="Swarm.Durable.Execution.RuntimeErrorTypes"/>).
/// </remarks>
public static class ProtocolErrorTypes
{
    /// <summary>The request is not base64, not a protobuf <c>OrchestratorRequest</c>, or has missing or invalid fields.</summary>
    public const string InvalidRequest = "InvalidOrchestratorRequest";

    /// <summary>The request uses a durabletask feature this worker does not implement (entities, history streaming).</summary>
    public const string UnsupportedFeature = "UnsupportedDurableFeature";

    /// <summary>Executing the request failed unexpectedly; the inner failure holds the cause.</summary>
    public const string ExecutionError = "OrchestratorExecutionError";
}
