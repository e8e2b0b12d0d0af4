using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm serve</c> as a real process: it listens, prints a token the API accepts, and stops on SIGTERM.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-serve-");

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
    public async Task Serve_PrintsAWorkingTokenAndStopsOnTerminate()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.FullName,
        };
        foreach (var arg in new[] { typeof(SwarmCommand).Assembly.Location, "serve", "--port", "0", "--data", Path.Combine(_folder.FullName, "data") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            // Generous: CI runs every test assembly at once on two cores, and this process starts cold.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            string? url = null;
            string? token = null;
            while (token is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("swarm serve ended before printing a token.");
                url ??= Url().Match(line) is { Success: true } match ? match.Value : null;
                if (line.StartsWith("bearer token", StringComparison.Ordinal))
                {
                    token = (await process.StandardOutput.ReadLineAsync(deadline.Token))?.Trim();
                }
            }

            using var client = new HttpClient { BaseAddress = new Uri(url!) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var models = await client.GetAsync("/api/models", deadline.Token);
            using var anonymous = await new HttpClient().GetAsync(new Uri(new Uri(url!), "/api/models"), deadline.Token);

            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
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

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
