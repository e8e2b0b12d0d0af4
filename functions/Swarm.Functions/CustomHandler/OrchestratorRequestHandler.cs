using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Runs one orchestrator invocation of the Azure Functions Durable extension through the Durable Task SDK's
/// <see cref="GrpcOrchestrationRunner"/>: a base64 protobuf <c>OrchestratorRequest</c> in, a base64
/// <c>OrchestratorResponse</c> out — exactly what the .NET isolated worker does with the same request.
/// </summary>
/// <remarks>
/// <para>With <c>FUNCTIONS_WORKER_RUNTIME=custom</c> the extension uses the same middleware-passthrough protocol as
/// for the isolated worker (<c>DurableTaskExtension</c>: DotNetIsolated, Java or Custom): the orchestration trigger's
/// value is the encoded request and the function's return value is read as the encoded response. The orchestrator is
/// the one registered under the invoked function's name.</para>
/// <para>Extended sessions: the runner keeps replayed executions in <see cref="ExtendedSessionsCache"/> between
/// invocations when the extension marks a request as part of an extended session (its <c>IsExtendedSession</c> and
/// <c>IncludeState</c> properties), so a long orchestration is not replayed from its first event every time.</para>
/// <para>Thread-safe and meant to be long-lived.</para>
/// </remarks>
public sealed class OrchestratorRequestHandler : IDisposable
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators;
    private readonly IServiceProvider _services;
    private readonly ExtendedSessionsCache _sessions = new();

    /// <summary>Creates a handler over the orchestrators in <paramref name="registry"/>, built from <paramref name="services"/>.</summary>
    public OrchestratorRequestHandler(DurableTaskRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        _orchestrators = registry.GetOrchestrators().ToDictionary(o => o.Key.Name, o => o.Value, StringComparer.OrdinalIgnoreCase);
        _services = services;
    }

    /// <summary>Replays the base64 <c>OrchestratorRequest</c> for orchestrator <paramref name="name"/> and returns the base64 response.</summary>
    /// <exception cref="InvalidInvocationException">The request is empty, not base64 or not an <c>OrchestratorRequest</c>, or no orchestrator has that name.</exception>
    public string Handle(string name, string? encodedRequest)
    {
        if (string.IsNullOrEmpty(encodedRequest))
        {
            throw new InvalidInvocationException("The orchestration trigger carried no OrchestratorRequest.");
        }

        if (!_orchestrators.TryGetValue(name, out var create))
        {
            throw new InvalidInvocationException($"No orchestrator is named '{name}'.");
        }

        try
        {
            return GrpcOrchestrationRunner.LoadAndRun(encodedRequest, create(_services), _sessions, _services);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            // Raised while decoding the request, before any orchestrator code runs: the runner fails the orchestration
            // itself for what the orchestrator throws.
            throw new InvalidInvocationException($"The orchestration trigger's value is not a base64 OrchestratorRequest: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sessions.Dispose();
}
