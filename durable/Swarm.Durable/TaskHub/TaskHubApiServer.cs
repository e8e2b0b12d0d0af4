using DurableTask.Core;
using DurableTask.Core.History;
using Grpc.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// The task hub's gRPC API server: the SDK's <see cref="TaskHubGrpcServer"/>, which also answers a client's
/// <c>StreamInstanceHistory</c> (<c>DurableTaskClient.GetOrchestrationHistoryAsync</c>) from the backend's stored
/// history. The SDK's server streams only the history it hands its own gRPC worker, which this hub does not run.
/// </summary>
internal sealed class TaskHubApiServer : TaskHubGrpcServer
{
    private const int EventsPerChunk = 200;
    private readonly IOrchestrationServiceClient _client;

    /// <summary>Serves <paramref name="service"/> through <paramref name="client"/>, as the SDK's server does.</summary>
    public TaskHubApiServer(
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory,
        IOrchestrationService service,
        IOrchestrationServiceClient client,
        IOptions<TaskHubGrpcServerOptions> options)
        : base(lifetime, loggerFactory, service, client, options) => _client = client;

    /// <inheritdoc />
    public override async Task StreamInstanceHistory(P.StreamInstanceHistoryRequest request, IServerStreamWriter<P.HistoryChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        var json = await _client.GetOrchestrationHistoryAsync(request.InstanceId, string.IsNullOrEmpty(request.ExecutionId) ? null : request.ExecutionId).ConfigureAwait(false);
        var events = string.IsNullOrEmpty(json) ? [] : DurableTask.Core.Serializing.JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(json) ?? [];
        foreach (var chunk in events.Chunk(EventsPerChunk))
        {
            await responseStream.WriteAsync(new P.HistoryChunk { Events = { chunk.Select(ProtobufUtils.ToHistoryEventProto) } }).ConfigureAwait(false);
        }
    }
}
