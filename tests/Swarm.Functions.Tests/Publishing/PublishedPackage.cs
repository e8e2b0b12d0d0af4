using System.Diagnostics;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Publishing;

/// <summary>
/// The deployable package, made once per test run exactly as <c>azd deploy</c> makes it: <c>dotnet publish</c> of
/// <c>functions/Swarm.Functions</c>, with its own build folders so it never races a build of the working tree, carrying
/// the sample user model <c>samples/models/Virus</c>.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private DirectoryInfo _work = null!;

    /// <summary>The publish output: what is zipped and uploaded.</summary>
    public string Folder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("swarm-package-");
        Folder = Path.Combine(_work.FullName, "package");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine("functions", "Swarm.Functions"), "-c", "Release",
            "--artifacts-path", Path.Combine(_work.FullName, "artifacts"), "-o", Folder, "-nologo",
            $"-p:SwarmModels={Path.Combine(RepositoryRoot.Path, "samples", "models", "Virus", "Virus.csproj")}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet publish'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'dotnet publish' did not finish within {PublishTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet publish' failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
