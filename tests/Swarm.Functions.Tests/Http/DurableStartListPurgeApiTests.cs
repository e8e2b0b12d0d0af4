using System.Net;
using Swarm.Functions.Hosting;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

/// <summary>The start, list and purge-many endpoints of the app's Durable-style management API, over raw HTTP.</summary>
public sealed class DurableStartListPurgeApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string Orchestrators = "/runtime/webhooks/durabletask/orchestrators";
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    private static readonly string RunInput = Input("raw-start");

    private ApiHost Api => fixture.Api;

    public static TheoryData<string, string, string> BadStarts => new()
    {
        { "NoSuchOrchestrator/raw-bad-1", RunInput, "route.functionName" },
        { "SimulationRun/raw%20bad", RunInput, "route.id" },
        { "SimulationRun/raw-bad-2", "{ not json", "$" },
    };

    [Fact]
    public async Task Start_WithId_Is202WithLocationAndManagementUrls()
    {
        using var response = await Api.PostAsync($"{Orchestrators}/SimulationRun/raw-start", RunInput);

        var body = await ProblemAssert.JsonAsync(response, HttpStatusCode.Accepted);
        var status = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal("raw-start", body.GetProperty("id").GetString());
        Assert.EndsWith($"{Instances}/raw-start", status, StringComparison.Ordinal);
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.EndsWith("/raiseEvent/{eventName}", body.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/terminate", body.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(status, body.GetProperty("purgeHistoryDeleteUri").GetString());
        var finished = await Api.WaitForCompletionAsync("raw-start");
        Assert.Equal("SimulationRun", finished.GetProperty("name").GetString());
        Assert.Equal("Completed", finished.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Start_WithoutIdOrBody_StartsUnderANewId()
    {
        using var response = await Api.SendAsync(HttpMethod.Post, $"{Orchestrators}/Backup", Api.Token());

        var id = (await ProblemAssert.JsonAsync(response, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        Assert.NotNull(await Api.Swarm.Client.GetInstanceAsync(id));
        await Api.WaitForCompletionAsync(id);
    }

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task Start_BadRequest_Is400ProblemNamingTheFault(string path, string body, string errorPath)
    {
        using var response = await Api.PostAsync($"{Orchestrators}/{path}", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(errorPath, ProblemAssert.ErrorPaths(problem));
    }

    [Fact]
    public async Task Start_ReadOnlyCaller_Is403()
    {
        using var response = await Api.SendAsync(HttpMethod.Post, $"{Orchestrators}/Backup/raw-forbidden", Api.Token(SwarmRoles.Read));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await Api.Swarm.Client.GetInstanceAsync("raw-forbidden"));
    }

    [Fact]
    public async Task List_TopOne_AnswersAPageAndAContinuationHeader()
    {
        foreach (var id in new[] { "raw-list-1", "raw-list-2" })
        {
            using var started = await Api.PostAsync($"{Orchestrators}/SimulationRun/{id}", Input(id));
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            await Api.WaitForCompletionAsync(id);
        }

        using var first = await Api.GetAsync($"{Instances}?instanceIdPrefix=raw-list-&top=1&runtimeStatus=Completed,Failed");
        var page = await ProblemAssert.JsonAsync(first, HttpStatusCode.OK);
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var second = await Api.SendAsync(HttpMethod.Get, $"{Instances}?instanceIdPrefix=raw-list-&top=1&runtimeStatus=Completed,Failed", Api.Token(), configure: r => r.Headers.Add("x-ms-continuation-token", token));
        var next = await ProblemAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal("raw-list-1", page[0].GetProperty("instanceId").GetString());
        Assert.Equal("Completed", page[0].GetProperty("runtimeStatus").GetString());
        Assert.Equal("raw-list-2", next[0].GetProperty("instanceId").GetString());
    }

    [Theory]
    [InlineData("?runtimeStatus=Finished", "query.runtimeStatus")]
    [InlineData("?createdTimeFrom=yesterday", "query.createdTimeFrom")]
    [InlineData("?top=0", "query.top")]
    [InlineData("?top=1001", "query.top")]
    public async Task List_MalformedFilter_Is400ProblemNamingIt(string query, string errorPath)
    {
        using var response = await Api.GetAsync(Instances + query);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(errorPath, ProblemAssert.ErrorPaths(problem));
    }

    [Fact]
    public async Task List_ForeignContinuationToken_Is400()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, Instances, Api.Token(), configure: r => r.Headers.Add("x-ms-continuation-token", "not-a-token"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("", "query.createdTimeFrom")]
    [InlineData("?createdTimeFrom=2020-01-01T00:00:00Z&runtimeStatus=Running", "query.runtimeStatus")]
    public async Task PurgeMany_BadFilter_Is400AndPurgesNothing(string query, string errorPath)
    {
        using var response = await Api.SendAsync(HttpMethod.Delete, Instances + query, Api.Token());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(errorPath, ProblemAssert.ErrorPaths(problem));
    }

    [Fact]
    public async Task PurgeMany_NothingInRange_Is404()
    {
        using var response = await Api.SendAsync(HttpMethod.Delete, $"{Instances}?createdTimeFrom=2001-01-01T00:00:00Z&createdTimeTo=2001-01-02T00:00:00Z", Api.Token());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PurgeMany_WriterWithoutAdmin_Is403()
    {
        using var response = await Api.SendAsync(HttpMethod.Delete, $"{Instances}?createdTimeFrom=2001-01-01T00:00:00Z", Api.Token(SwarmRoles.Write));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private static string Input(string id) => Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(DurableClient.TaskHubApp.Run(id, 3))!;
}
