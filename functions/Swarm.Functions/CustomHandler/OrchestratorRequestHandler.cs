using Google.Protobuf;
using Google.Protobuf.Collections;
using Swarm.Durable;
using Swarm.Durable.Execution;
using Swarm.Durable.History;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Runs one orchestrator invocation of the Azure Functions Durable extension: a base64 protobuf
/// <c>OrchestratorRequest</c> (past events + new events) in, Swarm.Durable's replay executor in the middle, a base64
/// protobuf <c>OrchestratorResponse</c> (actions + custom status) out.
/// </summary>
/// <remarks>
/// <para>
/// With <c>FUNCTIONS_WORKER_RUNTIME=custom</c> the extension binds an orchestration trigger to the request encoded as a
/// base64 string (the trigger's value in the invocation's <c>Data</c>) and reads the function's return value as the
/// base64 response, exactly as for the .NET isolated and Java workers. The orchestrator is chosen by the name in the
/// ExecutionStarted event, which is the orchestrator function's name.
/// </para>
/// <para>
/// Never throws for bad input. An empty, non-base64 or non-protobuf request, a history this schema cannot express in
/// Swarm.Durable terms (entity events, missing timestamps), an unknown orchestrator, non-deterministic code or an
/// unexpected error all produce a response whose only action is CompleteOrchestration with status Failed and failure
/// details saying why (<see cref="ProtocolErrorTypes"/>, <see cref="RuntimeErrorTypes"/>,
/// <see cref="NonDeterministicOrchestrationException"/>). An unexpected exception is kept as the inner failure, so an
/// <see cref="OutOfMemoryException"/> there makes the host abort and retry the invocation rather than fail the instance.
/// A failure produced here (not by the executor) uses action id -1.
/// </para>
/// <para>
/// Large payloads: the Azure Storage provider stores queue messages over 45 KB and history table properties over
/// 60 KB as compressed blobs, leaving a blob name in the message (<c>CompressedBlobName</c>) or a
/// <c>&lt;Property&gt;BlobName</c> column in the History table. The provider downloads and inlines them when it
/// dequeues messages and loads history, before the extension builds the request, so every input, result and event
/// payload arrives here inline and no reference resolution is needed. The cost is size: the request carries the whole
/// history, so orchestrations should pass references (run ids, blob names), not data. The <c>blob:v1:</c>/<c>blob:v2:</c>
/// payload tokens of durabletask-dotnet's AzureBlobPayloads package belong to the gRPC sidecar path, not to this one.
/// </para>
/// <para>
/// Extended sessions: when the request's <c>IncludeState</c> property is false the past events were left out because
/// the backend believes the worker kept them; this worker keeps nothing between invocations, so it answers with
/// <c>requiresHistory</c> and the backend sends the request again with the history. History streaming
/// (<c>requiresHistoryStreaming</c>) needs a gRPC channel a custom handler does not have and fails the request.
/// </para>
/// <para>
/// Thread-safe and meant to be long-lived: every request replays into a fresh execution and the registry is only read.
/// </para>
/// <para>
/// The request carries no completion token (that belongs to the sidecar's work items); a caller that has one passes it
/// to <see cref="Handle(P.OrchestratorRequest, string?)"/> and it is echoed in the response.
/// </para>
/// </remarks>
public sealed class OrchestratorRequestHandler
{
    /// <summary>The request property that says whether past events are attached (absent means they are).</summary>
    public const string IncludeStateProperty = "IncludeState";

    private readonly OrchestrationExecutor _executor;

    /// <summary>Creates a handler over the orchestrators in <paramref name="registry"/>.</summary>
    public OrchestratorRequestHandler(DurableTaskRegistry registry, IServiceProvider services, OrchestrationExecutorOptions? options = null)
        : this(new OrchestrationExecutor(registry, services, options))
    {
    }

    /// <summary>Creates a handler over an existing executor.</summary>
    public OrchestratorRequestHandler(OrchestrationExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    /// <summary>Executes a base64 <c>OrchestratorRequest</c> and returns the base64 <c>OrchestratorResponse</c>.</summary>
    public string Handle(string? encodedRequest) => Convert.ToBase64String(Decode(encodedRequest).ToByteArray());

    /// <summary>Executes a request and returns the response; <paramref name="completionToken"/> is echoed when given.</summary>
    public P.OrchestratorResponse Handle(P.OrchestratorRequest request, string? completionToken = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = completionToken ?? string.Empty;
        try
        {
            if (request.RequiresHistoryStreaming)
            {
                throw new DurableProtocolException(
                    ProtocolErrorTypes.UnsupportedFeature,
                    $"The request for instance '{request.InstanceId}' asks the worker to stream its history, which a custom handler cannot do; disable history streaming for this task hub.");
            }

            if (!IncludesState(request.Properties))
            {
                return new P.OrchestratorResponse { InstanceId = request.InstanceId, RequiresHistory = true, CompletionToken = token };
            }

            var pastEvents = Translate(request.PastEvents, "pastEvents");
            var newEvents = Translate(request.NewEvents, "newEvents");
            var instanceId = InstanceIdOf(request, pastEvents, newEvents);
            var result = _executor.Execute(instanceId, pastEvents, newEvents);

            var response = new P.OrchestratorResponse
            {
                InstanceId = instanceId,
                CustomStatus = result.CustomStatus,
                CompletionToken = token,
            };
            foreach (var action in result.Actions)
            {
                response.Actions.Add(OrchestratorActionProtocol.ToProto(action));
            }

            return response;
        }
        catch (DurableProtocolException ex)
        {
            return Failed(request.InstanceId, token, new TaskFailureDetails(
                ex.ErrorType,
                ex.Message,
                InnerFailure: ex.InnerException is null ? null : TaskFailureDetails.FromException(ex.InnerException),
                IsNonRetriable: true));
        }
#pragma warning disable CA1031 // Whatever goes wrong must reach the host as a failed orchestration, never as a crashed invocation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(request.InstanceId, token, new TaskFailureDetails(
                ProtocolErrorTypes.ExecutionError,
                $"Executing the orchestrator request for instance '{request.InstanceId}' failed: {ex.Message}",
                InnerFailure: TaskFailureDetails.FromException(ex)));
        }
    }

    /// <summary>A response that fails the orchestration with <paramref name="failure"/>.</summary>
    public static P.OrchestratorResponse Failed(string instanceId, string completionToken, TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var response = new P.OrchestratorResponse { InstanceId = instanceId ?? string.Empty, CompletionToken = completionToken ?? string.Empty };
        response.Actions.Add(OrchestratorActionProtocol.ToProto(
            new CompleteOrchestrationAction(-1, OrchestrationStatus.Failed, null, FailureDetails: failure)));
        return response;
    }

    private P.OrchestratorResponse Decode(string? encodedRequest)
    {
        if (string.IsNullOrWhiteSpace(encodedRequest))
        {
            return InvalidRequest("The orchestrator request is empty; expected a base64-encoded protobuf OrchestratorRequest.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encodedRequest);
        }
        catch (FormatException ex)
        {
            return InvalidRequest($"The orchestrator request ({encodedRequest.Length} characters) is not valid base64: {ex.Message}");
        }

        P.OrchestratorRequest request;
        try
        {
            request = P.OrchestratorRequest.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return InvalidRequest($"The orchestrator request ({bytes.Length} bytes) is not a protobuf OrchestratorRequest: {ex.Message}");
        }

        return Handle(request);
    }

    private static P.OrchestratorResponse InvalidRequest(string message) =>
        Failed(string.Empty, string.Empty, new TaskFailureDetails(ProtocolErrorTypes.InvalidRequest, message, IsNonRetriable: true));

    private static bool IncludesState(MapField<string, Google.Protobuf.WellKnownTypes.Value> properties) =>
        !properties.TryGetValue(IncludeStateProperty, out var value)
        || value.KindCase != Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue
        || value.BoolValue;

    private static List<HistoryEvent> Translate(RepeatedField<P.HistoryEvent> events, string field)
    {
        var translated = new List<HistoryEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            // Replay ignores both: HistoryState is a backend snapshot and ExecutionRewound only marks where a rewind began.
            if (events[i].EventTypeCase is P.HistoryEvent.EventTypeOneofCase.HistoryState or P.HistoryEvent.EventTypeOneofCase.ExecutionRewound)
            {
                continue;
            }

            try
            {
                translated.Add(HistoryEventProtocol.ToDurable(events[i]));
            }
            catch (DurableProtocolException ex)
            {
                throw ProtocolThrowHelper.At($"{field}[{i}]", ex);
            }
        }

        return translated;
    }

    private static string InstanceIdOf(P.OrchestratorRequest request, List<HistoryEvent> pastEvents, List<HistoryEvent> newEvents)
    {
        if (!string.IsNullOrWhiteSpace(request.InstanceId))
        {
            return request.InstanceId;
        }

        // The host always names the instance; an ExecutionStarted event is the only other place that does.
        var started = pastEvents.Concat(newEvents).OfType<ExecutionStartedEvent>().FirstOrDefault();
        if (started is not null && !string.IsNullOrWhiteSpace(started.OrchestrationInstance.InstanceId))
        {
            return started.OrchestrationInstance.InstanceId;
        }

        throw new DurableProtocolException(
            $"The orchestrator request names no instance: instanceId is empty and there is no ExecutionStarted event with an instance id ({pastEvents.Count} past, {newEvents.Count} new events).");
    }
}
