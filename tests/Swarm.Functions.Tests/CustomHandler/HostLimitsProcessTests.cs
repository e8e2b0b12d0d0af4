using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Swarm.Functions.Cli;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary><c>swarm host</c> as a real process takes its rate and body limits from the <c>Swarm__*</c> app settings.</summary>
public sealed partial class HostLimitsProcessTests : IDisposable
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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.FullName,
        };
        foreach (var arg in new[] { typeof(SwarmCommand).Assembly.Location, "host", "--port", "0", "--data", Path.Combine(_folder.FullName, "data") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Auth__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
        start.Environment["Auth__Audience"] = "api://swarm-tests";
        start.Environment["Swarm__RateLimitPermitsPerMinute"] = "2";
        start.Environment["Swarm__MaxRequestBodyBytes"] = "2048";
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
            var tooLarge = await InvokeAsync(handler, "SubmitSimulation", "POST", "/api/simulations", "{\"pad\": \"" + new string('x', 3000) + "\"}", deadline.Token);
            var first = await InvokeAsync(handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);
            var second = await InvokeAsync(handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);
            var refused = await InvokeAsync(handler, "Health", "GET", "/api/health?probe=live", null, deadline.Token);

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
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static async Task<JsonNode> InvokeAsync(HttpClient handler, string function, string method, string path, string? body, CancellationToken cancellationToken)
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject { ["Url"] = "https://swarm.example" + path, ["Method"] = method, ["Headers"] = new JsonObject(), ["Body"] = body },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await handler.PostAsync(new Uri("/" + function, UriKind.Relative), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["Outputs"]!["res"]!;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
