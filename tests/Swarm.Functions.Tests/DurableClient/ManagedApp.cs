using System.Net.Http.Headers;
using Swarm.Durable;
using Swarm.Durable.History;
using Swarm.Functions.DurableClient;
using Swarm.Functions.Tests.Http;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Runs;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>A real function app on a loopback port (embedded backend) and a <see cref="DurableHttpClient"/> bound to its management endpoints with a bearer token.</summary>
public sealed class ManagedApp : IAsyncLifetime
{
    /// <summary>The query string the extension's binding carries; the app ignores it, the client must still send it.</summary>
    public const string RequiredQuery = "taskHub=SwarmHub&connection=Storage&code=not-a-real-key";

    private HttpClient _http = null!;

    public ApiHost Api { get; private set; } = null!;

    public DurableHttpClient Client { get; private set; } = null!;

    public DurableClientBinding Binding { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await ApiHost.StartEmbeddedAsync();
        Binding = BindingFor(Api);
        _http = AuthorizedHttpClient(Api);
        Client = new DurableHttpClient(_http, Binding, new DurableClientOptions { MaxStatusPollInterval = TimeSpan.FromMilliseconds(100) });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>The binding value the Durable extension would give for <paramref name="api"/>'s task hub.</summary>
    public static DurableClientBinding BindingFor(ApiHost api) => DurableClientBinding.Parse(BindingJson(api));

    /// <summary>The binding value as JSON, in the middleware passthrough protocol's shape.</summary>
    public static string BindingJson(ApiHost api) =>
        $$"""{"taskHubName":"SwarmHub","connectionName":null,"rpcBaseUrl":"http://127.0.0.1:1/","httpBaseUrl":"{{api.App.Urls.First()}}/runtime/webhooks/durabletask","requiredQueryStringParameters":"{{RequiredQuery}}","maxGrpcMessageSizeInBytes":4194304}""";

    /// <summary>An HTTP client that presents an all-roles token of <paramref name="api"/>.</summary>
    public static HttpClient AuthorizedHttpClient(ApiHost api)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Token());
        return http;
    }

    /// <summary>The input of a SimulationRun of <paramref name="steps"/> steps, as the app's job reader and scheduler build it.</summary>
    public static SimulationRunRequest Run(string id, long steps)
    {
        var job = new JobReader(ModelCatalog.Default).Read($$"""{ "model": "boltzmann", "preset": "small", "steps": {{steps}}, "chunkSteps": 1000 }""", JobKind.Simulation, out var errors);
        Assert.Empty(errors);
        var run = job!.Simulation!;
        return new SimulationRunRequest(id, run.Model, run.Parameters, run.Seed, RunKey: 0, run.Steps, run.ChunkSteps);
    }

    /// <summary>Reads the instance until it has <paramref name="wanted"/>, for at most a minute.</summary>
    public async Task<OrchestrationMetadata> WaitForStatusAsync(string id, OrchestrationStatus wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, cancellationToken: deadline.Token);
            if (instance?.RuntimeStatus == wanted)
            {
                return instance;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
