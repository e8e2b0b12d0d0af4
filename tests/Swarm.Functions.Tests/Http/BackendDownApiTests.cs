using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;
using Swarm.Functions.Hosting;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

/// <summary>A durable backend that fails every query: readiness reports it, and requests get a 500 problem without internals.</summary>
public sealed class BackendDownApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-api-down-");
    private LocalTaskHub _hub = null!;
    private LocalSigningKey _key = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _hub = await LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(_folder.FullName, "durable.db"))),
            _ => { },
            options: new LocalTaskHubOptions { RunWorker = false });
        _key = LocalSigningKey.CreateEphemeral();
        _app = await FunctionApp.CreateAsync(new FunctionAppOptions
        {
            Client = new UnreachableClient(_hub.Client),
            Store = EmbeddedStateStore.Open(Path.Combine(_folder.FullName, "state")),
            LocalSigningKey = _key.Key,
            Urls = ["http://127.0.0.1:0"],
        }, args: ["--Logging:LogLevel:Default=None"]);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _client.DefaultRequestHeaders.Authorization = new("Bearer", _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _hub.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task Requests_BackendFailing_HealthIs503AndStatusIs500ProblemWithoutInternals()
    {
        using var live = await _client.GetAsync("/api/health?probe=live");
        using var ready = await _client.GetAsync("/api/health");
        using var status = await _client.GetAsync("/api/runs/some-run");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(ready, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", problem.GetProperty("checks").GetProperty("durable").GetString());
        Assert.Equal("Healthy", problem.GetProperty("checks").GetProperty("stateStore").GetString());
        await ProblemAssert.IsProblemAsync(status, HttpStatusCode.InternalServerError);
        var text = await status.Content.ReadAsStringAsync();
        Assert.DoesNotContain(UnreachableClient.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    /// <summary>A client whose backend cannot be reached (the network seam the SDK guidelines make virtual for this).</summary>
    private sealed class UnreachableClient(DurableTaskClient inner) : DelegatingDurableTaskClient(inner)
    {
        public const string Secret = "connection refused by 10.1.2.3";

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new HttpRequestException(Secret);
    }
}
