using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary><c>swarm host</c> as a real process takes its rate and body limits from the <c>Swarm__*</c> app settings.</summary>
public sealed class HostLimitsProcessTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-host-limits-");

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file; the OS cleans temp folders.
        }
    }

    [Fact]
    public async Task Host_LimitSettings_BodyOverTheSettingIs413AndTheThirdRequestIs429()
    {
        var settings = new Dictionary<string, string> { ["Swarm__RateLimitPermitsPerMinute"] = "2", ["Swarm__MaxRequestBodyBytes"] = "2048" };
        // Generous: CI runs every test assembly at once on two cores, and this process starts cold.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await HostProcess.StartAsync(HostProcess.Swarm, _folder.FullName, settings, ["--data", Path.Combine(_folder.FullName, "data")], deadline.Token);
        var tooLarge = await InvokeAsync(host.Handler, "SubmitSimulation", "POST", "/api/simulations", "{\"pad\": \"" + new string('x', 3000) + "\"}", deadline.Token);
        var first = await InvokeAsync(host.Handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);
        var second = await InvokeAsync(host.Handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);
        var refused = await InvokeAsync(host.Handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);

        Assert.Equal(413, (int)tooLarge["statusCode"]!);
        Assert.Contains("at most 2048", (string)tooLarge["body"]!, StringComparison.Ordinal);
        Assert.Equal(200, (int)first["statusCode"]!);
        Assert.Equal(200, (int)second["statusCode"]!);
        Assert.Equal(429, (int)refused["statusCode"]!);
        var problem = JsonNode.Parse((string)refused["body"]!)!;
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", (string?)problem["type"]);
        Assert.StartsWith("The rate limit is at most 2 requests per 1 minute per caller; retry in ", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.NotNull(refused["headers"]!["Retry-After"]);
    }

    private static async Task<JsonNode> InvokeAsync(HttpClient handler, string function, string method, string path, string? body, CancellationToken cancellationToken)
    {
        var invocation = Invocations.Http(method, "https://swarm.example" + path, body: body);
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await handler.PostAsync(new Uri("/" + function, UriKind.Relative), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["Outputs"]!["res"]!;
    }
}
