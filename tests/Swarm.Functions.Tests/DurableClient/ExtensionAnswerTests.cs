using System.Net;
using Swarm.Durable;
using Swarm.Durable.History;
using Swarm.Functions.DurableClient;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>
/// How the client reads answers the extension gives and this app does not: the shapes come from
/// <c>src/WebJobs.Extensions.DurableTask/HttpApiHandler.cs</c> and <c>HttpRequestMessageExtensions.cs</c>
/// (azure-functions-durable-extension).
/// </summary>
public sealed class ExtensionAnswerTests
{
    private static readonly DurableClientBinding Binding = DurableClientBinding.Parse(
        """{"taskHubName":"SwarmHub","httpBaseUrl":"http://localhost:7071/runtime/webhooks/durabletask","requiredQueryStringParameters":"taskHub=SwarmHub&connection=Storage&code=key"}""");

    [Fact]
    public async Task Schedule_Extension500ForARunningInstance_ThrowsAlreadyExists()
    {
        // The extension lets DurableTask's exception reach its catch-all: 500 with CreateErrorResponse's body.
        var (client, _) = Client(HttpStatusCode.InternalServerError, """
            {"Message":"Something went wrong while processing your request","ExceptionMessage":"An Orchestration instance with the status Running already exists.",
             "ExceptionType":"DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException","StackTrace":"at ..."}
            """);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync("SimulationRun", 1, new StartOrchestrationOptions("dup")));
    }

    [Fact]
    public async Task Schedule_Answer202_SendsTheInputToTheStartUrlWithTheRequiredQuery()
    {
        var (client, answers) = Client(HttpStatusCode.Accepted, """{"id":"run-1","statusQueryGetUri":"http://localhost:7071/runtime/webhooks/durabletask/instances/run-1?code=key"}""");

        var id = await client.ScheduleNewOrchestrationInstanceAsync("SimulationRun", new { steps = 3 }, new StartOrchestrationOptions("run-1"));

        Assert.Equal("run-1", id);
        Assert.Equal(HttpMethod.Post, answers.Request!.Method);
        Assert.Equal("http://localhost:7071/runtime/webhooks/durabletask/orchestrators/SimulationRun/run-1?taskHub=SwarmHub&connection=Storage&code=key", answers.Request.RequestUri!.AbsoluteUri);
        Assert.Equal("""{"steps":3}""", answers.RequestBody);
    }

    [Fact]
    public async Task GetInstance_FailedInTheExtensionsShape_ReadsStatusTimesAndFailure()
    {
        // ConvertFrom: times as "s" + "Z", no completedTime, no failureDetails; a failure's message is the output.
        var (client, answers) = Client(HttpStatusCode.OK, """
            {"name":"SimulationRun","instanceId":"run-2","runtimeStatus":"Failed","input":{"steps":3},"customStatus":null,
             "output":"Orchestrator function 'SimulationRun' failed: boom","createdTime":"2026-01-02T03:04:05Z","lastUpdatedTime":"2026-01-02T03:04:09Z"}
            """);

        var instance = await client.GetInstanceAsync("run-2", getInputsAndOutputs: true);

        Assert.NotNull(instance);
        Assert.Equal(OrchestrationStatus.Failed, instance.RuntimeStatus);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), instance.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, instance.CreatedAt.Kind);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 9, DateTimeKind.Utc), instance.CompletedAt);
        Assert.Equal("""{"steps":3}""", instance.SerializedInput);
        Assert.Contains("boom", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("showInput=true&showHistory=false&taskHub=SwarmHub", answers.Request!.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Query_LastPageHeaderEmptyOrNull_HasNoContinuationToken(string header)
    {
        var (client, _) = Client(HttpStatusCode.OK, """[{"name":"Backup","instanceId":"b-1","runtimeStatus":"Completed","createdTime":"2026-01-02T03:04:05Z","lastUpdatedTime":"2026-01-02T03:04:09Z"}]""", header);

        var page = await client.QueryInstancesAsync(new OrchestrationQuery());

        Assert.Single(page.Instances);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Query_Filters_GoToTheDocumentedParameters()
    {
        var (client, answers) = Client(HttpStatusCode.OK, "[]", "next-page");

        var page = await client.QueryInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationStatus.Running, OrchestrationStatus.Pending],
            CreatedFrom = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            CreatedTo = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            InstanceIdPrefix = "run-",
            PageSize = 5,
            ContinuationToken = "this-page",
        });

        var query = Uri.UnescapeDataString(answers.Request!.RequestUri!.Query);
        Assert.Equal("next-page", page.ContinuationToken);
        Assert.Contains("top=5", query, StringComparison.Ordinal);
        Assert.Contains("runtimeStatus=Running,Pending", query, StringComparison.Ordinal);
        Assert.Contains("createdTimeFrom=2026-01-01T00:00:00.0000000Z", query, StringComparison.Ordinal);
        Assert.Contains("createdTimeTo=2026-01-02T00:00:00.0000000Z", query, StringComparison.Ordinal);
        Assert.Contains("instanceIdPrefix=run-", query, StringComparison.Ordinal);
        Assert.Equal("this-page", answers.Request.Headers.GetValues("x-ms-continuation-token").Single());
    }

    [Fact]
    public async Task PurgeAll_NoStatuses_NamesEveryFinishedStatusAndALowerBound()
    {
        var (client, answers) = Client(HttpStatusCode.NotFound, null);

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter());

        var query = Uri.UnescapeDataString(answers.Request!.RequestUri!.Query);
        Assert.Equal(0, result.PurgedInstanceCount);
        Assert.Equal(HttpMethod.Delete, answers.Request.Method);
        Assert.Contains("createdTimeFrom=", query, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", query, StringComparison.Ordinal);
        Assert.Contains("Completed", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_Gone_IsIgnoredAsForAFinishedEmbeddedInstance()
    {
        var (client, answers) = Client(HttpStatusCode.Gone, null);

        await client.TerminateInstanceAsync("run-3", "stop now");

        Assert.Equal("/runtime/webhooks/durabletask/instances/run-3/terminate", answers.Request!.RequestUri!.AbsolutePath);
        Assert.StartsWith("?reason=stop%20now&", answers.Request.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstance_ServerError_ThrowsWithStatusAndWithoutTheKey()
    {
        var (client, _) = Client(HttpStatusCode.ServiceUnavailable, "busy");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetInstanceAsync("run-4"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.DoesNotContain("code=key", error.Message, StringComparison.Ordinal);
        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    private static (DurableHttpClient Client, CannedAnswers Answers) Client(HttpStatusCode status, string? body, string? continuationToken = null)
    {
        var answers = new CannedAnswers(status, body, continuationToken);
#pragma warning disable CA2000 // The HttpClient owns the handler; both live as long as the test.
        return (new DurableHttpClient(new HttpClient(answers), Binding), answers);
#pragma warning restore CA2000
    }
}
