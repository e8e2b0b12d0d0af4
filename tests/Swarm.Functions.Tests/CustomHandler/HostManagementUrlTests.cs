using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Swarm.Cli;
using Swarm.Functions.CustomHandler;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// The management URLs and <c>Location</c> of 202 answers to requests the Functions host forwards to the custom handler:
/// they name the app's management endpoints below the host's <c>/api</c> prefix, not the Durable extension's own webhook.
/// </summary>
public sealed class HostManagementUrlTests : IAsyncLifetime
{
    private const string Host = "https://swarm.example";
    private const string Management = Host + "/api/runtime/webhooks/durabletask";

    private DirectoryInfo _folder = null!;
    private LocalSwarm _swarm = null!;
    private LocalSigningKey _key = null!;
    private CustomHandlerServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("swarm-handler-urls-");
        _swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        _key = LocalSigningKey.CreateEphemeral();
        _server = await CustomHandlerServer.CreateAsync(
            new FunctionAppOptions { Client = _swarm.Client, Store = _swarm.Store, LocalSigningKey = _key.Key },
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

    [Theory]
    [InlineData("SubmitSimulation", "/api/simulations", "host-urls-sim", SampleJobs.Simulation, "/api/runs/")]
    [InlineData("SubmitSweep", "/api/sweeps", "host-urls-sweep", SampleJobs.Sweep, "/api/sweeps/")]
    public async Task Submit_ThroughTheHost_ManagementUrlsCarryTheRoutePrefix(string function, string path, string id, string job, string statusRoute)
    {
        var res = await InvokeHttpAsync(function, "POST", Host + path, job, ("Idempotency-Key", id));

        Assert.True((int)res["statusCode"]! == 202, res.ToJsonString());
        var body = JsonNode.Parse((string)res["body"]!)!;
        var instance = $"{Management}/instances/{id}";
        Assert.Equal(instance, (string?)body["statusQueryGetUri"]);
        Assert.Equal(instance + "/raiseEvent/{eventName}", (string?)body["sendEventPostUri"]);
        Assert.Equal(instance + "/terminate?reason={text}", (string?)body["terminatePostUri"]);
        Assert.Equal(instance + "/suspend?reason={text}", (string?)body["suspendPostUri"]);
        Assert.Equal(instance + "/resume?reason={text}", (string?)body["resumePostUri"]);
        Assert.Equal(instance, (string?)body["purgeHistoryDeleteUri"]);
        Assert.Equal(Host + statusRoute + id, (string?)res["headers"]!["Location"]);
    }

    [Fact]
    public async Task Start_ThroughTheHostWithAColonInTheId_LocationIsEscapedBelowThePrefixAndAnswersThroughTheHost()
    {
        var input = Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(DurableClient.TaskHubApp.Run("host:start", 3))!;

        var started = await InvokeHttpAsync("DurableStartOrchestration", "POST", $"{Management}/orchestrators/SimulationRun/host%3Astart", input);

        Assert.True((int)started["statusCode"]! == 202, started.ToJsonString());
        var location = (string)started["headers"]!["Location"]!;
        Assert.Equal($"{Management}/instances/host%3Astart", location);
        Assert.Equal(location, (string?)JsonNode.Parse((string)started["body"]!)!["statusQueryGetUri"]);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await _swarm.Client.WaitForInstanceCompletionAsync("host:start", cancellation: patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        // The host hands the status request to the app as it came: the link it gave out, prefix and escape included.
        var status = await InvokeHttpAsync("DurableInstanceStatus", "GET", location, null);

        Assert.True((int)status["statusCode"]! == 200, status.ToJsonString());
        Assert.Equal("host:start", (string?)JsonNode.Parse((string)status["body"]!)!["instanceId"]);
    }

    private async Task<JsonNode> InvokeHttpAsync(string function, string method, string url, string? body, params (string Name, string Value)[] headers)
    {
        var invocation = Invocations.Http(method, url, _key.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)), body, headers: headers);
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["Outputs"]!["res"]!;
    }
}
