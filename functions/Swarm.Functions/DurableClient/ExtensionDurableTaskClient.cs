using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Functions.DurableClient;

/// <summary>
/// The app's <see cref="DurableTaskClient"/> under the Functions host: the SDK's <see cref="GrpcDurableTaskClient"/>
/// at the <c>rpcBaseUrl</c> of the invocations' <c>durableClient</c> binding, so functions start and manage instances
/// in the task hub the Durable extension owns.
/// </summary>
/// <remarks>
/// The endpoint is known only once the first invocation arrives, while the functions take their client when the app
/// is built; this client is what they take, and every call goes to the gRPC client of the current binding. Every
/// invocation of one host carries the same binding, so in practice one gRPC client is made per process.
/// </remarks>
public sealed class ExtensionDurableTaskClient() : DurableTaskClient("functions-host")
{
    private readonly Lock _gate = new();
    private (DurableClientBinding Binding, GrpcChannel Channel, GrpcDurableTaskClient Client)? _current;

    /// <summary>The binding calls go to; null until the first invocation with a <c>durableClient</c> value.</summary>
    public DurableClientBinding? Binding => _current?.Binding;

    /// <summary>Sends calls to the extension endpoint of <paramref name="binding"/>.</summary>
    /// <exception cref="FormatException">The binding has no <c>rpcBaseUrl</c>.</exception>
    public void Bind(DurableClientBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var rpc = binding.RpcBaseUrl
            ?? throw new FormatException("The durableClient binding has no \"rpcBaseUrl\": this app needs the Durable extension's gRPC endpoint (extension 2.9.0 or later, middleware passthrough).");
        lock (_gate)
        {
            if (_current is { } current && current.Binding == binding)
            {
                return;
            }

            // A previous client is left to the calls still under way on it, not disposed under them.
            var channel = GrpcChannel.ForAddress(rpc);
            _current = (binding, channel, new GrpcDurableTaskClient(Name, new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance));
        }
    }

    private GrpcDurableTaskClient Current => _current?.Client
        ?? throw new InvalidOperationException("No durableClient binding has reached this app yet: the Functions host gives one with each invocation.");

    /// <inheritdoc />
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        Current.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Current.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.TerminateInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Current.SuspendInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Current.ResumeInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Current.GetAllInstancesAsync(filter);

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.PurgeInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.PurgeAllInstancesAsync(filter, options, cancellation);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_current is { } current)
        {
            await current.Client.DisposeAsync().ConfigureAwait(false);
            current.Channel.Dispose();
        }
    }
}
