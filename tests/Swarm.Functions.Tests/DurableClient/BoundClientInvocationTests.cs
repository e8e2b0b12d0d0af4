using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.DurableClient;
using Swarm.Functions.Hosting;
using Swarm.Functions.Tests.CustomHandler;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>
/// The custom-handler server as the function app's <c>host</c> builds it: no durable backend or worker of its
/// own, an <see cref="ExtensionDurableTaskClient"/> bound from each invocation's <c>Data.client</c>. The instances its functions
/// start must appear in the task hub the binding names.
/// </summary>
public sealed class BoundClientInvocationTests(TaskHubApp hub) : IClassFixture<TaskHubApp>, IAsyncLifetime
{
    private DirectoryInfo _folder = null!;
    private LocalSigningKey _key = null!;
    private ExtensionDurableTaskClient _client = null!;
    private CustomHandlerServer _server = null!;
    private HttpClient _handler = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-bound-");
        var store = EmbeddedStateStore.Open(_folder.FullName);
        await StateLayout.EnsureAsync(store);
        _key = LocalSigningKey.CreateEphemeral();
        _client = new ExtensionDurableTaskClient();
        _server = await CustomHandlerServer.CreateAsync(
            new FunctionAppOptions { Client = _client, Store = store, LocalSigningKey = _key.Key },
            "http://127.0.0.1:0",
            args: ["--Logging:LogLevel:Default=None"]);
        await _server.StartAsync();
        _handler = new HttpClient { BaseAddress = new Uri(_server.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _handler.Dispose();
        await _server.DisposeAsync();
        await _client.DisposeAsync();
        _key.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Http_SubmitSimulationWithClientBinding_StartsTheInstanceInTheBindingsTaskHub()
    {
        var invocation = Invocations.Http(
            "POST",
            "http://localhost:7071/api/simulations",
            _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)),
            Invocations.SimulationJob,
            hub.BindingJson,
            ("Idempotency-Key", "bound-sim-1"));

        var (status, body) = await InvokeAsync("SubmitSimulation", invocation);

        Assert.Equal(HttpStatusCode.OK, status);
        var res = body["Outputs"]!["res"]!;
        Assert.True((int)res["statusCode"]! == 202, res.ToJsonString());
        Assert.Equal(hub.Binding, _client.Binding);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var finished = await hub.Client.WaitForInstanceCompletionAsync("bound-sim-1", deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("SimulationRun", finished.Name);
    }

    [Fact]
    public async Task ServiceBus_ClientBindingQuotedTwice_StartsTheJobInTheBindingsTaskHub()
    {
        var job = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""";
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["message"] = job,
                ["client"] = JsonValue.Create(hub.BindingJson).ToJsonString(),
            },
            ["Metadata"] = new JsonObject { ["MessageId"] = "bound-job-1", ["DeliveryCount"] = 1, ["ContentType"] = "application/json" },
        };

        var (status, body) = await InvokeAsync("SimulationJobs", invocation);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var finished = await hub.Client.WaitForInstanceCompletionAsync("bound-job-1", deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
    }

    [Fact]
    public async Task Timer_NightlyBackupWithClientBinding_StartsTheBackupInTheBindingsTaskHub()
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject { ["IsPastDue"] = false, ["ScheduleStatus"] = new JsonObject { ["Next"] = "2026-11-23T03:00:00+00:00" } },
                ["client"] = hub.BindingJson,
            },
            ["Metadata"] = new JsonObject(),
        };

        var before = DateTime.UtcNow;
        var (status, body) = await InvokeAsync("NightlyBackup", invocation);
        var after = DateTime.UtcNow;

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        // The run may straddle midnight UTC; the day is the function's own clock reading.
        Assert.True(
            await hub.Client.GetInstanceAsync(BackupInstanceId.For(before)) is not null
            || await hub.Client.GetInstanceAsync(BackupInstanceId.For(after)) is not null);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"taskHubName\": \"SwarmHub\"}")]
    [InlineData("{\"httpBaseUrl\": \"runtime/webhooks/durabletask\"}")]
    public async Task Invoke_MalformedClientBinding_Answers400WithoutRunningTheFunction(string binding)
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""", ["client"] = binding },
            ["Metadata"] = new JsonObject { ["MessageId"] = "bound-malformed", ["DeliveryCount"] = 1 },
        };

        var (status, body) = await InvokeAsync("SimulationJobs", invocation);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Data.client", (string?)body["detail"], StringComparison.Ordinal);
        Assert.Null(_client.Binding);
        Assert.Null(await hub.Client.GetInstanceAsync("bound-malformed"));
    }

    [Fact]
    public async Task ServiceBus_NoClientBindingSeenYet_FailsNamingTheBinding()
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""" },
            ["Metadata"] = new JsonObject { ["MessageId"] = "bound-unbound", ["DeliveryCount"] = 1 },
        };

        var (status, body) = await InvokeAsync("SimulationJobs", invocation);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("durableClient", body["Logs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await hub.Client.GetInstanceAsync("bound-unbound"));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, JsonObject invocation)
    {
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _handler.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
