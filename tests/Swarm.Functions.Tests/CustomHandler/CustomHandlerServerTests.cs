using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Cli;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.Hosting;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations.Backup;
using Swarm.Simulation.Catalog;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>The custom-handler server on a loopback port, invoked the way the Functions host invokes it, on the embedded backend.</summary>
public sealed class CustomHandlerServerTests : IAsyncLifetime
{
    private DirectoryInfo _folder = null!;
    private LocalSwarm _swarm = null!;
    private LocalSigningKey _key = null!;
    private CustomHandlerServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-handler-");
        _swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        _key = LocalSigningKey.CreateEphemeral();
        _server = await CustomHandlerServer.CreateAsync(
            new FunctionAppOptions { Client = _swarm.Client, Store = _swarm.Store, LocalSigningKey = _key.Key, MaxRequestBodyBytes = 16 * 1024 },
            "http://127.0.0.1:0",
            args: ["--Logging:LogLevel:Default=None"]);
        await _server.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_server.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _key.Dispose();
        await _swarm.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Orchestration_ProtobufRequest_ReturnsBase64ResponseSchedulingTheFirstActivity()
    {
        var request = Invocations.BackupFirstEpisode();
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["context"] = Convert.ToBase64String(request.ToByteArray()) },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = BackupOrchestrator.Name } },
        };

        var (status, body) = await InvokeAsync(BackupOrchestrator.Name, invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        AssertResponseShape(body);
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String((string)body["ReturnValue"]!));
        Assert.Equal("backup-20261122", response.InstanceId);
        var action = Assert.Single(response.Actions);
        Assert.Equal(nameof(ListTables), action.ScheduleTask.Name);
    }

    [Fact]
    public async Task Activity_JsonInput_ReturnsOutputAsJson()
    {
        await _swarm.Store.Records.CreateTableAsync("HandlerProbe");
        var invocation = """{"Data": {"input": "{\"excluded\": []}"}, "Metadata": {"instanceId": "backup-20261122"}}""";

        var (status, body) = await InvokeAsync(nameof(ListTables), invocation);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertResponseShape(body);
        var tables = body["ReturnValue"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        Assert.Contains("HandlerProbe", tables);
    }

    [Fact]
    public async Task Orchestration_ContextQuotedTheWayTheHostSerializesStrings_IsUnwrapped()
    {
        var request = new P.OrchestratorRequest
        {
            InstanceId = "backup-20261123",
            NewEvents =
            {
                new P.HistoryEvent { EventId = -1, Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch), OrchestratorStarted = new P.OrchestratorStartedEvent() },
                new P.HistoryEvent
                {
                    EventId = -1,
                    Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch),
                    ExecutionStarted = new P.ExecutionStartedEvent { Name = BackupOrchestrator.Name, OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "backup-20261123", ExecutionId = "e1" } },
                },
            },
        };
        var quoted = JsonValue.Create(Convert.ToBase64String(request.ToByteArray())).ToJsonString();
        var invocation = new JsonObject { ["Data"] = new JsonObject { ["context"] = quoted } };

        var (status, body) = await InvokeAsync(BackupOrchestrator.Name, invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String((string)body["ReturnValue"]!));
        Assert.Equal(nameof(ListTables), Assert.Single(response.Actions).ScheduleTask.Name);
    }

    [Theory]
    [InlineData("\"sweep-bare\"")]
    [InlineData("sweep-bare")]
    public async Task Activity_StringInputAsJsonOrAsBareText_RunsTheActivity(string input)
    {
        var invocation = new JsonObject { ["Data"] = new JsonObject { ["input"] = input }, ["Metadata"] = new JsonObject() };

        var (status, body) = await InvokeAsync(nameof(Swarm.Orchestrations.Provisioning.CreateResultsContainer), invocation.ToJsonString());

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Contains("sweep-bare", body["ReturnValue"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_InputQuotedTheWayTheHostSerializesStrings_IsUnwrapped()
    {
        await _swarm.Store.Records.CreateTableAsync("HandlerQuoted");
        var quoted = JsonValue.Create("""{"excluded": []}""").ToJsonString();
        var invocation = new JsonObject { ["Data"] = new JsonObject { ["input"] = quoted }, ["Metadata"] = new JsonObject() };

        var (status, body) = await InvokeAsync(nameof(ListTables), invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("HandlerQuoted", body["ReturnValue"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Activity_InputOfTheWrongShape_Answers500WithTheErrorInLogs()
    {
        var (status, body) = await InvokeAsync(nameof(ListTables), """{"Data": {"input": "[1, 2"}, "Metadata": {}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        AssertResponseShape(body);
        Assert.Contains("ListTables", (string)body["Logs"]![0]!, StringComparison.Ordinal);
        Assert.Null(body["ReturnValue"]);
    }

    [Fact]
    public async Task Http_AnonymousHealthProbe_ReturnsResOutputWithStatusHeadersAndBody()
    {
        var (status, body) = await InvokeAsync("Health", HttpInvocation("GET", "http://localhost:7071/api/health?probe=live"));

        Assert.Equal(HttpStatusCode.OK, status);
        AssertResponseShape(body);
        var res = body["Outputs"]!["res"]!;
        Assert.Equal(200, (int)res["statusCode"]!);
        Assert.Contains("Healthy", (string)res["body"]!, StringComparison.Ordinal);
        Assert.StartsWith("application/json", (string)res["headers"]!["Content-Type"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ProtectedFunctionWithoutToken_Returns401FromTheAppsAuthentication()
    {
        var (status, body) = await InvokeAsync("ListModels", HttpInvocation("GET", "http://localhost:7071/api/models"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(401, (int)body["Outputs"]!["res"]!["statusCode"]!);
    }

    [Fact]
    public async Task Http_ProtectedFunctionWithToken_RunsTheFunction()
    {
        var token = _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1));
        var invocation = HttpInvocation("GET", "http://localhost:7071/api/models", new JsonObject { ["Authorization"] = new JsonArray("Bearer " + token) });

        var (_, body) = await InvokeAsync("ListModels", invocation);

        var res = body["Outputs"]!["res"]!;
        Assert.Equal(200, (int)res["statusCode"]!);
        Assert.Contains("schelling", (string)res["body"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Http_RequestInTheHostsOwnShape_QueryAndIdentitiesAsJsonText_RunsTheFunction()
    {
        // GetRequestAsJObject in the Functions host: Query and Identities are JSON text, header values are arrays.
        var token = _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1));
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "https://swarm.example/api/health?probe=live",
                    ["Method"] = "GET",
                    ["Query"] = """{"probe":"live"}""",
                    ["Headers"] = new JsonObject { ["Authorization"] = new JsonArray("Bearer " + token), ["Accept"] = new JsonArray("application/json") },
                    ["Identities"] = """[{"AuthenticationType":null,"IsAuthenticated":false}]""",
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "Health" } },
        };

        var (status, body) = await InvokeAsync("Health", invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var res = body["Outputs"]!["res"]!;
        Assert.Equal(200, (int)res["statusCode"]!);
        Assert.Contains("\"live\":true", (string)res["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_PostWithBody_StartsTheJobUnderItsIdempotencyKey()
    {
        var invocation = SubmitSimulationInvocation("handler-sim-1");

        var (_, body) = await InvokeAsync("SubmitSimulation", invocation.ToJsonString());

        var res = body["Outputs"]!["res"]!;
        Assert.True((int)res["statusCode"]! == 202, res.ToJsonString());
        Assert.NotNull(res["headers"]!["Location"]);
        Assert.NotNull(await _swarm.Client.GetInstanceAsync("handler-sim-1"));
    }

    [Fact]
    public async Task Http_SubmittedJob_IsFollowedToItsEndByTheRunningJobMonitor()
    {
        var invocation = SubmitSimulationInvocation("handler-monitored");
        var monitor = _server.Services.GetRequiredService<JobMonitor>();

        var (_, body) = await InvokeAsync("SubmitSimulation", invocation.ToJsonString());

        Assert.Equal(202, (int)body["Outputs"]!["res"]!["statusCode"]!);
        Assert.Contains("handler-monitored", monitor.Tracked);

        // Nothing here checks on the monitor's behalf: only its own loop, started with the server, lets the job go.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (monitor.Tracked.Contains("handler-monitored"))
        {
            await Task.Delay(100, patience.Token);
        }
    }

    [Fact]
    public async Task Http_ManagementRouteBelowTheHostsApiPrefix_ReachesTheRootMappedFunction()
    {
        var token = _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1));
        var invocation = HttpInvocation(
            "GET",
            "http://localhost:7071/api/runtime/webhooks/durabletask/instances/no-such-instance",
            new JsonObject { ["Authorization"] = new JsonArray("Bearer " + token) });

        var (_, body) = await InvokeAsync("DurableInstanceStatus", invocation);

        var res = body["Outputs"]!["res"]!;
        Assert.Equal(404, (int)res["statusCode"]!);
        Assert.Contains("no-such-instance", (string)res["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_BodyOverTheAppsLimit_Returns413WithoutRunningTheFunction()
    {
        var token = _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1));
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://localhost:7071/api/simulations",
                    ["Method"] = "POST",
                    ["Headers"] = new JsonObject { ["Authorization"] = new JsonArray("Bearer " + token), ["Idempotency-Key"] = new JsonArray("handler-too-large") },
                    ["Body"] = "{\"pad\": \"" + new string('x', 20 * 1024) + "\"}",
                },
            },
        };

        var (_, body) = await InvokeAsync("SubmitSimulation", invocation.ToJsonString());

        Assert.Equal(413, (int)body["Outputs"]!["res"]!["statusCode"]!);
        Assert.Null(await _swarm.Client.GetInstanceAsync("handler-too-large"));
    }

    [Fact]
    public async Task ServiceBus_ValidJob_StartsItsOrchestrationUnderTheMessageId()
    {
        var job = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""";
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = job },
            ["Metadata"] = new JsonObject { ["MessageId"] = "job-from-host-1", ["DeliveryCount"] = 1, ["ContentType"] = "application/json" },
        };

        var (status, body) = await InvokeAsync("SimulationJobs", invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        AssertResponseShape(body);
        Assert.NotNull(await _swarm.Client.GetInstanceAsync("job-from-host-1"));
    }

    [Fact]
    public async Task ServiceBus_BodyQuotedTheWayTheHostSerializesStrings_StartsTheJob()
    {
        var job = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""";
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonValue.Create(job).ToJsonString() },
            ["Metadata"] = new JsonObject { ["MessageId"] = "job-from-host-quoted", ["DeliveryCount"] = 1 },
        };

        var (status, _) = await InvokeAsync("SimulationJobs", invocation.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(await _swarm.Client.GetInstanceAsync("job-from-host-quoted"));
    }

    [Fact]
    public async Task ServiceBus_InvalidJob_IsRejectedNotFailed()
    {
        var invocation = """{"Data": {"message": "{\"kind\": \"simulation\", \"model\": \"nope\"}"}, "Metadata": {"MessageId": "bad-job-1", "DeliveryCount": "1"}}""";

        var (status, body) = await InvokeAsync("SimulationJobs", invocation);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Rejected", (string)body["Logs"]![0]!, StringComparison.Ordinal);
        Assert.Null(await _swarm.Client.GetInstanceAsync("bad-job-1"));
    }

    [Fact]
    public async Task Timer_NightlyBackup_StartsTodaysBackup()
    {
        var invocation = """
            {"Data": {"timer": {"Schedule": {"AdjustForDST": true}, "ScheduleStatus": {"Last": "2026-11-21T03:00:00+00:00", "Next": "2026-11-23T03:00:00+00:00", "LastUpdated": "2026-11-21T03:00:00+00:00"}, "IsPastDue": false}},
             "Metadata": {"sys": {"MethodName": "NightlyBackup"}}}
            """;

        var before = DateTime.UtcNow;
        var (status, body) = await InvokeAsync("NightlyBackup", invocation);
        var after = DateTime.UtcNow;

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        AssertResponseShape(body);
        // The run may straddle midnight UTC; the day is the function's own clock reading.
        Assert.True(
            await _swarm.Client.GetInstanceAsync(BackupInstanceId.For(before)) is not null
            || await _swarm.Client.GetInstanceAsync(BackupInstanceId.For(after)) is not null);
    }

    [Theory]
    [InlineData("Health", "{not json")]
    [InlineData("Health", "[1, 2]")]
    [InlineData("Health", """{"Metadata": {}}""")]
    [InlineData("Health", """{"Data": {"req": {"Url": "http://localhost/api/health"}}}""")]
    [InlineData("Health", """{"Data": {"req": {"Method": "GET", "Url": "not a url"}}}""")]
    [InlineData("Backup", """{"Data": {}}""")]
    [InlineData("SimulationJobs", """{"Data": {}}""")]
    public async Task Invoke_MalformedInvocation_Answers400WithAClearMessage(string function, string invocation)
    {
        var (status, body) = await InvokeAsync(function, invocation);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Malformed invocation.", (string?)body["title"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]));
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Answers404()
    {
        var (status, body) = await InvokeAsync("NoSuchFunction", """{"Data": {}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("NoSuchFunction", (string)body["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnyPath_Answers404()
    {
        using var response = await _client.GetAsync(new Uri("/Health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A <c>POST /api/simulations</c> invocation with a token of every role, started under <paramref name="idempotencyKey"/>.</summary>
    private JsonObject SubmitSimulationInvocation(string idempotencyKey) => Invocations.Http(
        "POST",
        "http://localhost:7071/api/simulations",
        _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)),
        Invocations.SimulationJob,
        headers: ("Idempotency-Key", idempotencyKey));

    private static string HttpInvocation(string method, string url, JsonObject? headers = null) => new JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = url,
                ["Method"] = method,
                ["Query"] = new JsonObject(),
                ["Headers"] = headers ?? [],
                ["Params"] = new JsonObject(),
                ["Identities"] = new JsonArray(),
            },
        },
        ["Metadata"] = new JsonObject(),
    }.ToJsonString();

    private static void AssertResponseShape(JsonObject body)
    {
        Assert.IsType<JsonObject>(body["Outputs"]);
        Assert.IsType<JsonArray>(body["Logs"]);
        Assert.True(body.ContainsKey("ReturnValue"));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, string invocation)
    {
        using var content = new StringContent(invocation, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
