using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm serve</c> logs like a service: a line per request at most, no stack traces for rejected tokens or a busy port.</summary>
public sealed class ServeLogTests
{
    [Fact]
    public async Task Serve_ManyRequestsWithRejectedTokens_LogsOneLineEachWithoutStackTraces()
    {
        var serve = await ServeProcess.StartAsync(new Dictionary<string, string>());
        await using (serve)
        {
            using var stranger = new HttpClient { BaseAddress = serve.Address };
            stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
            for (var i = 0; i < 20; i++)
            {
                using var refused = await stranger.GetAsync("/api/models");
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                using var answered = await serve.Client.GetAsync("/api/models");
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            var lines = await serve.StopAsync();

            var requests = lines.Count(l => l.Contains("GET /api/models", StringComparison.Ordinal));
            Assert.Equal(40, requests);
            Assert.True(lines.Count <= 40 + 5, string.Join('\n', lines));
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Serve_BusyPort_IsAShortErrorWithExitCodeTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("swarm-busy-port-");
        try
        {
            var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data.FullName);

            Assert.Equal(2, exitCode);
            Assert.Contains($"cannot listen on port {port}", output, StringComparison.Ordinal);
            Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 4, output);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
