using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm serve --port 0</c> as a real process with its own environment, up once it printed its URL and token.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    private readonly Task _reading;

    private ServeProcess(Process process, DirectoryInfo folder, string url, string token, Task<string> errors)
    {
        _process = process;
        _folder = folder;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), errors.ContinueWith(t => Enqueue(t.Result), TaskScheduler.Default));
        Client = new HttpClient { BaseAddress = new Uri(url) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client on the app with the printed token.</summary>
    public HttpClient Client { get; }

    /// <summary>The URL it listens on.</summary>
    public Uri Address => Client.BaseAddress!;

    /// <summary>Stops the process (SIGTERM) and returns every line it wrote after its token, standard error included.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await _reading;
        return [.. _lines];
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
        }
    }

    private void Enqueue(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _lines.Enqueue(line);
        }
    }

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
        var errors = process.StandardError.ReadToEndAsync();
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

            return new ServeProcess(process, folder, url!, token!, errors);
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
