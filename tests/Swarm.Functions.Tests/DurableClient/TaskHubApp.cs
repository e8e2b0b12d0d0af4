using Swarm.Functions.Tests.Http;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>A task hub standing in for the Durable extension's: a second real app, whose management endpoints the handler's invocations point at.</summary>
public sealed class TaskHubApp : IAsyncLifetime
{
    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ApiHost.StartEmbeddedAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
