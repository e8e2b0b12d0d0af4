namespace Swarm.Functions.Tests.Http;

/// <summary>One app on the embedded backend, shared by the tests of a class.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ApiHost.StartEmbeddedAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
