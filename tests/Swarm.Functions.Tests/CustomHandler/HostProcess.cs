using System.Diagnostics;
using System.Text.RegularExpressions;
using Swarm.Cli;
using Swarm.Functions.Commands;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// <c>host --port 0</c> of the function app's executable or of <c>swarm</c>, as a real process, with Entra ID settings and its own environment, up once it printed the
/// address it listens on; a client on that address plays the Functions host.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private HostProcess(Process process, string url)
    {
        Process = process;
        Handler = new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>The function app's executable, as the Functions host starts it: the Durable extension owns the task hub.</summary>
    public static string FunctionApp => typeof(FunctionAppCommand).Assembly.Location;

    /// <summary><c>swarm</c>: the handler over a local task hub.</summary>
    public static string Swarm => typeof(SwarmCommand).Assembly.Location;

    /// <summary>The process, to signal and to read its exit code.</summary>
    public Process Process { get; }

    /// <summary>A client on the handler's address.</summary>
    public HttpClient Handler { get; }

    /// <summary>Starts <paramref name="executable"/> (<see cref="FunctionApp"/> or <see cref="Swarm"/>) in <paramref name="workingDirectory"/> and waits, within <paramref name="cancellationToken"/>, until it listens.</summary>
    public static async Task<HostProcess> StartAsync(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[] { executable, "host", "--port", "0" }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Auth__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
        start.Environment["Auth__Audience"] = "api://swarm-tests";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            string? url = null;
            while (url is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException($"{Path.GetFileNameWithoutExtension(executable)} host ended before listening.");
                url = line.Contains("listening", StringComparison.Ordinal) && Url().Match(line) is { Success: true } match ? match.Value : null;
            }

            return new HostProcess(process, url);
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
        Handler.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
