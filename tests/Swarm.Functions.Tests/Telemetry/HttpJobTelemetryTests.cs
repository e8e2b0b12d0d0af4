using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
/// are counted as started and followed to their end, like queue jobs; their spans are exported in the caller's trace.
/// </summary>
public sealed class HttpJobTelemetryTests : IAsyncLifetime
{
    private const string Simulation = """{ "model": "boltzmann", "preset": "small", "steps": 3 }""";

    private readonly InMemoryTelemetry _exported = new([.. SwarmTelemetry.DefaultSpanSources, SwarmTelemetry.AspNetCoreSource]);
    private DirectoryInfo _folder = null!;
    private LocalSwarm _swarm = null!;
    private LocalSigningKey _key = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-telemetry-");
        _swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        _key = LocalSigningKey.CreateEphemeral();
        _app = await FunctionApp.CreateAsync(
            new FunctionAppOptions { Client = _swarm.Client, Store = _swarm.Store, LocalSigningKey = _key.Key, Urls = ["http://127.0.0.1:0"] },
            (services, configuration) =>
            {
                // The test's own exporters; everything else as the hosts register it.
                services.AddSingleton(_exported.Telemetry);
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

        // Registered as an instance, so the container leaves it (its providers) to the test.
        _exported.Dispose();
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
    public async Task Post_WithTraceParent_RequestOrchestrationAndActivitySpansAreExportedInTheCallersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var id = "traced-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await PostAsync("/api/simulations", Simulation, id, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await _swarm.Client.WaitForInstanceCompletionAsync(id, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        // The worker ends the activity's span when it is done, which may be a moment after the orchestration completes.
        var spans = await SpansInTraceAsync(traceId, s => s.DisplayName.StartsWith("activity:", StringComparison.Ordinal) && s.Kind == ActivityKind.Server);
        // The one ASP.NET Core span is the API request: the local task hub's gRPC calls in the same process are not exported.
        var request = Assert.Single(spans, s => s.Source.Name == SwarmTelemetry.AspNetCoreSource);
        Assert.StartsWith("POST /api/simulations", request.DisplayName, StringComparison.Ordinal);
        Assert.Equal(ActivityKind.Server, request.Kind);
        var episodes = spans.Where(s => s.DisplayName == "orchestration:SimulationRun" && s.Kind == ActivityKind.Server).ToList();
        Assert.NotEmpty(episodes);
        Assert.All(episodes, s => Assert.Equal(id, s.GetTagItem("durabletask.task.instance_id")));
        Assert.Contains(spans, s => s.DisplayName == "activity:RunSimulationChunk");
        Assert.All(spans, s => Assert.NotEqual(default, s.ParentSpanId));
    }

    private async Task<List<Activity>> SpansInTraceAsync(ActivityTraceId traceId, Func<Activity, bool> until)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            _exported.Telemetry.Flush();
            var spans = _exported.Spans.Where(s => s.TraceId == traceId).ToList();
            if (spans.Any(until))
            {
                return spans;
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

    private List<InMemoryTelemetry.CustomEvent> EventsOf(string name, string instanceId) =>
        [.. _exported.Events.Where(e => e.Name == name && e.Properties.TryGetValue("instanceId", out var id) && id == instanceId)];
}
