using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Swarm.Functions.Tests.DurableClient;
using Swarm.Testing;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// The function app's <c>host</c> as the Functions host starts it (extension mode), as a real process with the
/// state store on Azurite: no embedded backend appears, and the functions reach the task hub only through the
/// invocation's <c>durableClient</c> binding.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostProcessTests(AzuriteFixture azurite, TaskHubApp hub) : IClassFixture<TaskHubApp>, IDisposable
{
    private const string Job = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-host-process-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Host_ExtensionMode_RunsNoEmbeddedBackendAndCallsTheBindingsTaskHub()
    {
        // Generous: CI runs every test assembly at once on two cores, and this process starts cold.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await HostProcess.StartAsync(HostProcess.FunctionApp, _folder.FullName, new Dictionary<string, string> { ["SwarmState"] = azurite.ConnectionString }, [], deadline.Token);
        var (unboundStatus, unbound) = await InvokeAsync(host.Handler, "host-process-1", null, deadline.Token);

        // The binding names the stand-in task hub's gRPC endpoint: the job starts there, and runs there.
        var (boundStatus, bound) = await InvokeAsync(host.Handler, "host-process-2", hub.BindingJson, deadline.Token);

        Assert.Equal(HttpStatusCode.InternalServerError, unboundStatus);
        Assert.Contains("durableClient", unbound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(boundStatus == HttpStatusCode.OK, bound.ToJsonString());
        Assert.DoesNotContain("not-a-real-key", bound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_folder.EnumerateFileSystemInfos());
        var finished = await hub.Client.WaitForInstanceCompletionAsync("host-process-2", deadline.Token);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        if (!OperatingSystem.IsWindows())
        {
            using var kill = Process.Start("kill", ["-TERM", host.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(deadline.Token);
            await host.Process.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, host.Process.ExitCode);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(HttpClient handler, string messageId, string? binding, CancellationToken cancellationToken)
    {
        var data = new JsonObject { ["message"] = Job };
        if (binding is not null)
        {
            data["client"] = binding;
        }

        var invocation = new JsonObject { ["Data"] = data, ["Metadata"] = new JsonObject { ["MessageId"] = messageId, ["DeliveryCount"] = 1 } };
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await handler.PostAsync(new Uri("/SimulationJobs", UriKind.Relative), content, cancellationToken);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject());
    }
}
