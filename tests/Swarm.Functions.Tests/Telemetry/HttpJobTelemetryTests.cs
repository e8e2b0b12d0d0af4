using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Swarm.Cli;
using Swarm.Functions.Hosting;
using Swarm.Functions.Telemetry;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>
/// Jobs submitted over HTTP to the function app wired with <see cref="SwarmTelemetryServiceCollectionExtensions.AddSwarmTelemetry"/>
/// are counted as started and followed to their end, like queue jobs; spans go to Application Insights.
/// </summary>
public sealed class HttpJobTelemetryTests : IAsyncLifetime
{
    private const string Simulation = """{ "model": "boltzmann", "preset": "small", "steps": 3 }""";

    private readonly CapturingChannel _channel = new();
    private DirectoryInfo _folder = null!;
    private LocalSwarm _swarm = null!;
    private LocalSigningKey _key = null!;
    private SwarmTelemetry _telemetry = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-telemetry-");
        _swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        _key = LocalSigningKey.CreateEphemeral();
        _telemetry = new SwarmTelemetry(new TelemetryConfiguration { TelemetryChannel = _channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001" });
        _app = await FunctionApp.CreateAsync(
            new FunctionAppOptions { Client = _swarm.Client, Store = _swarm.Store, LocalSigningKey = _key.Key, Urls = ["http://127.0.0.1:0"] },
            (services, configuration) =>
            {
                // The test's own client and channel; everything else as the hosts register it.
                services.AddSingleton(_telemetry);
                services.AddSwarmTelemetry(configuration);
            },
            ["--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _swarm.DisposeAsync();
        _key.Dispose();

        // Registered as an instance, so the container leaves it (its listeners, its configuration) to the test.
        _telemetry.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    [Theory]
    [InlineData("/api/simulations", Simulation, "simulation")]
    [InlineData("/api/sweeps", """
        { "model": "forestfire", "parameters": { "width": 10, "height": 10 },
          "design": { "type": "grid", "factors": { "density": [0.4, 0.7] } }, "replicates": 1, "seed": 3, "steps": 4 }
        """, "sweep")]
    public async Task Post_Job_IsCountedAsStartedAndItsCompletionIsReportedOnce(string path, string job, string kind)
    {
        var id = kind + "-" + Guid.NewGuid().ToString("N")[..12];
        var monitor = _app.Services.GetRequiredService<JobMonitor>();

        using var response = await PostAsync(path, job, id);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(id, monitor.Tracked);
        var done = await _swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        // The monitor's own loop may get there first; either way the end is reported exactly once.
        await monitor.CheckAsync();

        Assert.DoesNotContain(id, monitor.Tracked);
        var started = Assert.Single(EventsOf("SimulationStarted", id));
        Assert.Equal(kind, started.Properties["kind"]);
        Assert.Single(EventsOf("SimulationCompleted", id));
        Assert.Empty(EventsOf("SimulationFailed", id));
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_IsCountedAsStartedOnce()
    {
        var id = "again-" + Guid.NewGuid().ToString("N")[..12];

        using var first = await PostAsync("/api/simulations", Simulation, id);
        using var second = await PostAsync("/api/simulations", Simulation, id);

        Assert.False((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetBoolean());
        Assert.Single(EventsOf("SimulationStarted", id));
    }

    [Fact]
    public async Task Post_WithTraceParent_JobsSpansReachApplicationInsightsInTheCallersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var id = "traced-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await PostAsync("/api/simulations", Simulation, id, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await _swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        // The worker sends the activity's span when it ends, which may be a moment after the orchestration completes.
        var requests = await RequestsInTraceAsync(traceId, r => r.Name.StartsWith("activity:", StringComparison.Ordinal));
        var episodes = requests.Where(r => r.Name == "orchestration:SimulationRun").ToList();
        Assert.NotEmpty(episodes);
        Assert.All(episodes, r => Assert.Equal(id, r.Properties["durabletask.task.instance_id"]));
        Assert.Contains(requests, r => r.Name == "activity:RunSimulationChunk");
        Assert.All(requests, r => Assert.False(string.IsNullOrEmpty(r.Context.Operation.ParentId)));
    }

    private async Task<List<RequestTelemetry>> RequestsInTraceAsync(ActivityTraceId traceId, Func<RequestTelemetry, bool> until)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var requests = _channel.Items.OfType<RequestTelemetry>().Where(r => r.Context.Operation.Id == traceId.ToHexString()).ToList();
            if (requests.Any(until))
            {
                return requests;
            }

            await Task.Delay(20, patience.Token);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, string id, string? traceParent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", id);
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        return _http.SendAsync(request);
    }

    private List<EventTelemetry> EventsOf(string name, string instanceId) =>
        [.. _channel.Items.OfType<EventTelemetry>().Where(e => e.Name == name && e.Properties.TryGetValue("instanceId", out var id) && id == instanceId)];
}
