using System.Net;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

/// <summary>
/// The management URLs of 202 answers from the app's own server (<c>swarm serve</c>): at the root, without the Functions
/// host's <c>/api</c> prefix, with the instance id escaped; and the management endpoints take escaped sub-orchestration ids.
/// </summary>
public sealed class ManagementUrlsApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private ApiHost Api => fixture.Api;

    private string Management => Api.App.Urls.First() + "/runtime/webhooks/durabletask";

    [Fact]
    public async Task SubmitSimulation_OnTheAppsOwnServer_ManagementUrlsAreAtTheRootAndLocationBelowApi()
    {
        using var response = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: "serve-urls-sim");

        var body = await ProblemAssert.JsonAsync(response, HttpStatusCode.Accepted);
        var instance = $"{Management}/instances/serve-urls-sim";
        Assert.Equal(instance, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance, body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(new Uri(Api.App.Urls.First() + "/api/runs/serve-urls-sim"), response.Headers.Location);
    }

    [Fact]
    public async Task Start_IdWithAColon_UrlsEscapeItAndTheStatusUrlAnswers()
    {
        var input = Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(DurableClient.TaskHubApp.Run("serve:start", 3))!;

        using var started = await Api.PostAsync("/runtime/webhooks/durabletask/orchestrators/SimulationRun/serve%3Astart", input);

        var body = await ProblemAssert.JsonAsync(started, HttpStatusCode.Accepted);
        var status = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal($"{Management}/instances/serve%3Astart", status);
        Assert.Equal($"{Management}/instances/serve%3Astart/terminate?reason={{text}}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal("serve:start", body.GetProperty("id").GetString());
        Assert.Equal(new Uri(status), started.Headers.Location);
        await Api.WaitForCompletionAsync("serve%3Astart");

        using var answer = await Api.GetAsync(new Uri(status).PathAndQuery);

        var instance = await ProblemAssert.JsonAsync(answer, HttpStatusCode.OK);
        Assert.Equal("serve:start", instance.GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task Status_EscapedSubOrchestrationIdOfASweep_AnswersItsStatus()
    {
        using var submitted = await Api.PostAsync("/api/sweeps", SampleJobs.Sweep, idempotencyKey: "serve-urls-sweep");
        await ProblemAssert.JsonAsync(submitted, HttpStatusCode.Accepted);
        await Api.WaitForCompletionAsync("serve-urls-sweep");
        var batch = (await Api.Swarm.Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { InstanceIdPrefix = "serve-urls-sweep:" }).FirstAsync()).InstanceId;

        using var answer = await Api.GetAsync("/runtime/webhooks/durabletask/instances/" + Uri.EscapeDataString(batch));

        var instance = await ProblemAssert.JsonAsync(answer, HttpStatusCode.OK);
        Assert.Equal(batch, instance.GetProperty("instanceId").GetString());
        Assert.Contains(':', batch);
    }

    [Theory]
    [InlineData("/runtime/webhooks/durabletask/instances/a%20b")]
    [InlineData("/runtime/webhooks/durabletask/instances/a%2Fb")]
    [InlineData("/runtime/webhooks/durabletask/instances/a%3Fb")]
    public async Task Status_IdWithAForbiddenCharacter_Is400(string path)
    {
        using var answer = await Api.GetAsync(path);

        var problem = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.BadRequest);
        Assert.Contains("route.id", ProblemAssert.ErrorPaths(problem));
    }
}
