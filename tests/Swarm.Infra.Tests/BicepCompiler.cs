using System.Diagnostics;
using System.Reflection;
using Swarm.Testing;

namespace Swarm.Infra.Tests;

/// <summary>
/// The real Bicep compiler, from the Azure.Bicep.CommandLine.linux-x64 package the test project restores
/// (its props set <c>BicepPath</c>, which the build writes into this assembly's metadata).
/// </summary>
internal static class BicepCompiler
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>The compiler's path; a clear failure when the package did not restore or the platform is not linux-x64.</summary>
    public static string Path
    {
        get
        {
            var configured = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
            if (string.IsNullOrEmpty(configured))
            {
                throw new InvalidOperationException("BicepPath is not set: the Azure.Bicep.CommandLine.linux-x64 package did not restore with the test project.");
            }

            var path = System.IO.Path.GetFullPath(configured.Replace('\\', '/'));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The Bicep compiler is not at {path}; restore tests/Swarm.Infra.Tests (the package ships a linux-x64 binary only).");
            }

            return path;
        }
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in the repository root; the exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string Diagnostics)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No update checks or usage telemetry from a test run.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Patience}.");
        }

        return (process.ExitCode, await output, (await errors).Trim());
    }
}
