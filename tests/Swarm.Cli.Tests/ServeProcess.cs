using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm serve --port 0</c> as a real process with its own environment, up once it printed its URL and token.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private ServeProcess(Process process, DirectoryInfo folder, string url, string token)
    {
        _process = process;
        _folder = folder;
        Client = new HttpClient { BaseAddress = new Uri(url) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client on the app with the printed token.</summary>
    public HttpClient Client { get; }

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("swarm-serve-process-");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.FullName,
        };
        foreach (var arg in new[] { typeof(SwarmCommand).Assembly.Location, "serve", "--port", "0", "--data", Path.Combine(folder.FullName, "data") }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
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

            return new ServeProcess(process, folder, url!, token!);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file; the OS cleans temp folders.
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
