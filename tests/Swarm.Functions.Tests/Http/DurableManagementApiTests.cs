using System.Net;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class DurableManagementApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    private const string LongRun = """{ "model": "boltzmann", "preset": "small", "steps": 100000000, "chunkSteps": 1000 }""";

    private ApiHost Api => fixture.Api;

    [Fact]
    public async Task Status_UnknownInstance_Is404Problem()
    {
        using var response = await Api.GetAsync($"{Instances}/nobody");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_WhileRunning_Is202ThenTerminate_Is200Terminated()
    {
        using var submitted = await Api.PostAsync("/api/simulations", LongRun, idempotencyKey: "mgmt-running");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var running = await Api.GetAsync($"{Instances}/mgmt-running");
        using var terminate = await Api.PostAsync($"{Instances}/mgmt-running/terminate?reason=enough");
        var finished = await Api.WaitForCompletionAsync("mgmt-running");
        using var again = await Api.PostAsync($"{Instances}/mgmt-running/terminate");

        var status = await ProblemAssert.JsonAsync(running, HttpStatusCode.Accepted);
        Assert.Equal("mgmt-running", status.GetProperty("instanceId").GetString());
        Assert.Equal("SimulationRun", status.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("Terminated", finished.GetProperty("runtimeStatus").GetString());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task SuspendThenResume_RunningInstance_ChangesItsStatus()
    {
        using var submitted = await Api.PostAsync("/api/simulations", LongRun, idempotencyKey: "mgmt-suspend");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var suspend = await Api.PostAsync($"{Instances}/mgmt-suspend/suspend?reason=pause");
        var suspended = await WaitForStatusAsync("mgmt-suspend", "Suspended");
        using var resume = await Api.PostAsync($"{Instances}/mgmt-suspend/resume");
        var resumed = await WaitForStatusAsync("mgmt-suspend", "Running");
        using var terminate = await Api.PostAsync($"{Instances}/mgmt-suspend/terminate");

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal("Suspended", suspended);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal("Running", resumed);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
    }

    [Fact]
    public async Task RaiseEvent_RunningInstance_Is202AndUnknownInstanceIs404()
    {
        using var submitted = await Api.PostAsync("/api/simulations", LongRun, idempotencyKey: "mgmt-event");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var raised = await Api.PostAsync($"{Instances}/mgmt-event/raiseEvent/Nudge", """{ "by": 1 }""");
        using var unknown = await Api.PostAsync($"{Instances}/nobody/raiseEvent/Nudge", "{}");
        using var badName = await Api.PostAsync($"{Instances}/mgmt-event/raiseEvent/bad%20name", "{}");
        using var terminate = await Api.PostAsync($"{Instances}/mgmt-event/terminate");

        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(badName, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
    }

    [Fact]
    public async Task Purge_FinishedInstance_DeletesItsHistory()
    {
        using var submitted = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "mgmt-purge");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Api.WaitForCompletionAsync("mgmt-purge");

        using var purged = await Api.SendAsync(HttpMethod.Delete, $"{Instances}/mgmt-purge", Api.Token());
        using var after = await Api.GetAsync($"{Instances}/mgmt-purge");
        using var again = await Api.SendAsync(HttpMethod.Delete, $"{Instances}/mgmt-purge", Api.Token());

        Assert.Equal(1, (await ProblemAssert.JsonAsync(purged, HttpStatusCode.OK)).GetProperty("instancesDeleted").GetInt32());
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_RunningInstance_Is409()
    {
        using var submitted = await Api.PostAsync("/api/simulations", LongRun, idempotencyKey: "mgmt-purge-running");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var purge = await Api.SendAsync(HttpMethod.Delete, $"{Instances}/mgmt-purge-running", Api.Token());
        using var terminate = await Api.PostAsync($"{Instances}/mgmt-purge-running/terminate");

        await ProblemAssert.IsProblemAsync(purge, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
    }

    private async Task<string> WaitForStatusAsync(string id, string wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Api.GetAsync($"{Instances}/{id}");
            var status = (await ProblemAssert.JsonAsync(response, response.StatusCode)).GetProperty("runtimeStatus").GetString()!;
            if (status == wanted)
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
