using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class SubmissionApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private ApiHost Api => fixture.Api;

    [Fact]
    public async Task PostSimulation_ValidJob_Answers202WithLocationAndManagementUrls()
    {
        using var response = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "sim-urls");

        var body = await ProblemAssert.JsonAsync(response, HttpStatusCode.Accepted);
        var baseUrl = Api.Client.BaseAddress!.ToString().TrimEnd('/');
        Assert.Equal("sim-urls", body.GetProperty("id").GetString());
        Assert.Equal(new Uri($"{baseUrl}/api/runs/sim-urls"), response.Headers.Location);
        Assert.Equal($"{baseUrl}/runtime/webhooks/durabletask/instances/sim-urls", body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{baseUrl}/runtime/webhooks/durabletask/instances/sim-urls/raiseEvent/{{eventName}}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{baseUrl}/runtime/webhooks/durabletask/instances/sim-urls/terminate?reason={{text}}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal($"{baseUrl}/runtime/webhooks/durabletask/instances/sim-urls", body.GetProperty("purgeHistoryDeleteUri").GetString());
    }

    [Fact]
    public async Task PostSimulation_SameIdempotencyKeyTwice_StartsOneInstance()
    {
        using var first = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "sim-once");
        using var second = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "sim-once");

        Assert.True((await ProblemAssert.JsonAsync(first, HttpStatusCode.Accepted)).GetProperty("created").GetBoolean());
        var again = await ProblemAssert.JsonAsync(second, HttpStatusCode.Accepted);
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal("sim-once", again.GetProperty("id").GetString());
        var instances = new List<string>();
        await foreach (var instance in Api.Swarm.Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { InstanceIdPrefix = "sim-once" }))
        {
            instances.Add(instance.InstanceId);
        }

        Assert.Equal(["sim-once"], instances);
    }

    [Fact]
    public async Task PostSimulation_ClientChosenIdInQuery_IsTheInstanceId()
    {
        using var response = await Api.PostAsync("/api/simulations?id=sim-query", SampleJobs.Simulation);

        Assert.Equal("sim-query", (await ProblemAssert.JsonAsync(response, HttpStatusCode.Accepted)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetRun_AfterCompletion_ReportsStatusTimingsAndProgress()
    {
        using var submitted = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "sim-done");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var status = await Api.WaitForCompletionAsync("sim-done");
        using var run = await Api.GetAsync("/api/runs/sim-done");

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var body = await ProblemAssert.JsonAsync(run, HttpStatusCode.OK);
        Assert.Equal("Completed", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("durationSeconds").GetDouble() >= 0);
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("completedTime").ValueKind);
        Assert.Equal(3, body.GetProperty("progress").GetProperty("step").GetInt64());
    }

    [Fact]
    public async Task PostSweep_RunsToCompletion_ResultsAsJsonCsvAndSvg()
    {
        using var submitted = await Api.PostAsync("/api/sweeps", SampleJobs.Sweep, idempotencyKey: "sweep-results");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.EndsWith("/api/sweeps/sweep-results", submitted.Headers.Location!.ToString(), StringComparison.Ordinal);

        var status = await Api.WaitForCompletionAsync("sweep-results");
        using var sweep = await Api.GetAsync("/api/sweeps/sweep-results");
        using var json = await Api.GetAsync("/api/sweeps/sweep-results/results");
        using var csv = await Api.GetAsync("/api/sweeps/sweep-results/results?format=csv");
        using var svg = await Api.SendAsync(HttpMethod.Get, "/api/sweeps/sweep-results/results", Api.Token(), configure: r => r.Headers.Accept.ParseAdd("image/svg+xml"));

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var record = (await ProblemAssert.JsonAsync(sweep, HttpStatusCode.OK)).GetProperty("sweep");
        Assert.Equal("Completed", record.GetProperty("status").GetString());
        Assert.Equal(2, record.GetProperty("runs").GetInt64());
        Assert.Equal(2, (await ProblemAssert.JsonAsync(sweep, HttpStatusCode.OK)).GetProperty("progress").GetProperty("runsDone").GetInt64());
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Object, (await json.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("density", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await svg.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelSweep_Running_MarksItCancelled()
    {
        const string Long = """
            { "model": "forestfire", "parameters": { "width": 100, "height": 100 },
              "design": { "type": "grid", "factors": { "density": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] } }, "replicates": 50, "seed": 1, "steps": 20000 }
            """;
        using var submitted = await Api.PostAsync("/api/sweeps", Long, idempotencyKey: "sweep-cancel");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await WaitForSweepRecordAsync("sweep-cancel");

        using var cancelled = await Api.PostAsync("/api/sweeps/sweep-cancel/cancel?reason=changed%20my%20mind");
        var finished = await Api.WaitForCompletionAsync("sweep-cancel");
        using var sweep = await Api.GetAsync("/api/sweeps/sweep-cancel");

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal("Terminated", finished.GetProperty("runtimeStatus").GetString());
        var record = (await ProblemAssert.JsonAsync(sweep, HttpStatusCode.OK)).GetProperty("sweep");
        Assert.Equal("Cancelled", record.GetProperty("status").GetString());
        Assert.Equal("changed my mind", record.GetProperty("error").GetString());
    }

    private async Task WaitForSweepRecordAsync(string id)
    {
        // The saga registers the sweep a few steps in; cancelling before that has no record to mark.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Api.GetAsync($"/api/sweeps/{id}");
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("sweep", out _))
            {
                return;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    [Fact]
    public async Task GetRun_LongRunIdOfASweep_IsLookedUpNotRejected()
    {
        // A sweep's long runs are SimulationRuns named <sweep id>-run<10 digits>: longer than a job id may be.
        var runId = new string('s', 64) + "-run0000000001";

        using var response = await Api.GetAsync($"/api/runs/{runId}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetSweepResults_UnknownSweep_Is404Problem()
    {
        using var response = await Api.GetAsync("/api/sweeps/no-such-sweep/results");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetModels_ListsEveryCatalogModelWithParameterSchemas()
    {
        using var response = await Api.GetAsync("/api/models");

        var models = (await ProblemAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(Simulation.Catalog.ModelCatalog.Default.Models.Select(m => m.Name), models.Select(m => m.GetProperty("name").GetString()));
        var schelling = models.Single(m => m.GetProperty("name").GetString() == "schelling").GetProperty("parameters");
        Assert.Equal("object", schelling.GetProperty("type").GetString());
        Assert.Contains(schelling.GetProperty("properties").EnumerateObject(), p => p.Value.GetProperty("type").GetString() == "integer" && p.Value.TryGetProperty("minimum", out _));
    }

    [Fact]
    public async Task GetHealth_BackendUp_IsReadyWithoutAToken()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/health");

        var body = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("durable").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("stateStore").GetString());
    }

    [Fact]
    public async Task AnyAnswer_CarriesSecurityHeaders()
    {
        using var response = await Api.GetAsync("/api/models");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Server"));
    }
}
