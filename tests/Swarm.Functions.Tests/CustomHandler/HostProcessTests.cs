using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Swarm.Functions.Cli;
using Swarm.Functions.Tests.DurableClient;
using Swarm.Testing;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// <c>swarm host</c> as the Functions host starts it (no backend options: extension mode), as a real process with the
/// state store on Azurite: no embedded backend appears, and the functions reach the task hub only through the
/// invocation's <c>durableClient</c> binding.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class HostProcessTests(AzuriteFixture azurite) : IClassFixture<TaskHubApp>, IDisposable
{
    private const string Job = """{"kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 3}""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-host-process-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Host_ExtensionMode_RunsNoEmbeddedBackendAndCallsTheBindingsTaskHub()
    {
        await using var hub = await Http.ApiHost.StartEmbeddedAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.FullName,
        };
        foreach (var arg in new[] { typeof(SwarmCommand).Assembly.Location, "host", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["SwarmState"] = azurite.ConnectionString;
        start.Environment["Auth__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
        start.Environment["Auth__Audience"] = "api://swarm-tests";
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            // Generous: CI runs every test assembly at once on two cores, and this process starts cold.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            string? url = null;
            while (url is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("swarm host ended before listening.");
                url = line.Contains("listening", StringComparison.Ordinal) && Url().Match(line) is { Success: true } match ? match.Value : null;
            }

            using var handler = new HttpClient { BaseAddress = new Uri(url) };
            var (unboundStatus, unbound) = await InvokeAsync(handler, "host-process-1", null, deadline.Token);

            // The binding names the stand-in task hub; without the extension's system key its API refuses the call,
            // which shows the function's request went there.
            var (boundStatus, bound) = await InvokeAsync(handler, "host-process-2", ManagedApp.BindingJson(hub), deadline.Token);

            Assert.Equal(HttpStatusCode.InternalServerError, unboundStatus);
            Assert.Contains("durableClient", unbound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.InternalServerError, boundStatus);
            Assert.Contains("401", bound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(hub.App.Urls.First() + "/runtime/webhooks/durabletask/instances/host-process-2", bound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("not-a-real-key", bound["Logs"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Empty(_folder.EnumerateFileSystemInfos());
            Assert.Null(await hub.Swarm.Client.GetInstanceAsync("host-process-2"));
            if (!OperatingSystem.IsWindows())
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
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

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
