using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Swarm.Functions.Hosting;
using Swarm.Functions.Publishing;
using Swarm.Functions.Tests.CustomHandler;
using Swarm.Orchestrations.Backup;
using Swarm.Testing;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Functions.Tests.Publishing;

/// <summary>The package <c>dotnet publish</c> makes is a complete custom-handler app that the Functions host can start.</summary>
/// <remarks>The host's state store settings name Azurite, as they name the storage account in Azure.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class PublishedPackageTests(PublishedPackage package, AzuriteFixture azurite) : IClassFixture<PublishedPackage>
{
    private const string Executable = "Swarm.Functions";

    [Fact]
    public void Package_Root_HoldsTheRepositoryHostJsonAndASelfContainedExecutable()
    {
        var hostJson = Path.Combine(package.Folder, "host.json");
        Assert.True(File.Exists(hostJson), "host.json is not at the package root");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json"))), JsonNode.Parse(File.ReadAllText(hostJson))));

        // host.json names the executable; a self-contained app lists the frameworks it carries instead of needing them.
        Assert.Equal(Executable, JsonNode.Parse(File.ReadAllText(hostJson))!["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(package.Folder, Executable)), "the executable host.json names is missing");
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, Executable + ".runtimeconfig.json")))!["runtimeOptions"]!;
        Assert.NotNull(runtimeConfig["includedFrameworks"]);
        Assert.Null(runtimeConfig["frameworks"]);
        Assert.True(File.Exists(Path.Combine(package.Folder, "libcoreclr.so")), "the runtime is not in the package");
    }

    [Fact]
    public void Package_WithSwarmModels_CarriesTheModelAssemblyWhereTheAppLoadsIt()
    {
        var model = Path.Combine(package.Folder, ModelAssemblies.Folder, "Virus", "Virus.dll");
        Assert.True(File.Exists(model), "the user model is not in the package");

        var catalog = ModelAssemblies.FromSetting(setting: null, package.Folder);

        Assert.Contains(catalog.Models, m => m.Name == "virus");
    }

    [Fact]
    public void Package_FunctionFolders_AreExactlyTheManifestsFunctionJsonFiles()
    {
        var expected = FunctionManifest.Deployed().ToDictionary(f => f.Name, f => f.FunctionJson, StringComparer.Ordinal);
        var published = Directory.GetDirectories(package.Folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d)!, d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json"))), StringComparer.Ordinal);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, pair => Assert.True(JsonNode.DeepEquals(pair.Value, published[pair.Key]), $"{pair.Key}/function.json differs from its class"));
    }

    [Fact]
    public async Task PublishedExecutable_Host_ServesInvocationsAndStopsOnSigterm()
    {
        var data = Directory.CreateTempSubdirectory("swarm-package-host-");
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(package.Folder, Executable))
        {
            WorkingDirectory = data.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As host.json has the Functions host start it: `host`, the port in the environment, Entra ID and state store
        // settings from app settings.
        start.ArgumentList.Add("host");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["SwarmState"] = azurite.ConnectionString;
        start.Environment["Auth__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
        start.Environment["Auth__Audience"] = "api://swarm-test";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(90) };
            await WaitUntilListeningAsync(http, process, output);

            var orchestration = await PostAsync(http, BackupOrchestrator.Name, BackupInvocation());
            var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String((string)orchestration["ReturnValue"]!));
            Assert.Equal(nameof(ListTables), Assert.Single(response.Actions).ScheduleTask.Name);

            var health = await PostAsync(http, "Health", Invocations.Http("GET", "http://localhost:7071/api/health?probe=live"));
            Assert.Equal(200, (int)health["Outputs"]!["res"]!["statusCode"]!);

            // The Functions host stops its worker with SIGTERM; invocations in progress finish, then the process exits.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(stopped.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            data.Delete(recursive: true);
        }
    }

    private static JsonObject BackupInvocation()
    {
        var request = Invocations.BackupFirstEpisode();

        // The host quotes a string trigger value a second time; the handler accepts it either way.
        return new JsonObject
        {
            ["Data"] = new JsonObject { ["context"] = JsonValue.Create(Convert.ToBase64String(request.ToByteArray()))!.ToJsonString() },
            ["Metadata"] = new JsonObject(),
        };
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string function, JsonObject invocation)
    {
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(function, content);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{function}: {(int)answer.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Process process, StringBuilder output)
    {
        // Generous: CI runs every test assembly at once on two cores.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                // The host's readiness probe: any HTTP answer at the root means the worker is up.
                using var _ = await http.GetAsync(string.Empty);
                return;
            }
            catch (HttpRequestException)
            {
                Assert.False(process.HasExited, $"the published executable exited ({(process.HasExited ? process.ExitCode : 0)}):\n{Snapshot(output)}");
                Assert.True(DateTime.UtcNow < deadline, $"the published executable never listened:\n{Snapshot(output)}");
                await Task.Delay(100);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
