using System.Diagnostics;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// What <c>--models</c> names: a model assembly, or a model project (its <c>.csproj</c> or its folder), which is built
/// in Release first so that a user's edit is always what runs.
/// </summary>
public static class ModelProjects
{
    /// <summary>The assembly path of <paramref name="given"/>: the file itself for a <c>.dll</c>, the build output for a project.</summary>
    /// <exception cref="ModelLoadException">Nothing is there, the folder holds no single project, or the build fails.</exception>
    public static string AssemblyOf(string given)
    {
        ArgumentException.ThrowIfNullOrEmpty(given);
        var path = Path.GetFullPath(given);
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.csproj");
            path = projects.Length == 1
                ? projects[0]
                : throw new ModelLoadException($"Model project folder {given} holds {projects.Length} .csproj files; name one.");
        }

        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Model assembly or project {given} not found.");
        }

        return path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? Build(path, given) : path;
    }

    private static string Build(string project, string given)
    {
        var start = new ProcessStartInfo(DotnetHost(), ["build", project, "-t:Build", "-c", "Release", "-nologo", "-v:q", "-getProperty:TargetPath"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new ModelLoadException($"Model project {given}: dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0)
        {
            var first = lines.Concat(errors.Split('\n', StringSplitOptions.TrimEntries)).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {process.ExitCode}";
            throw new ModelLoadException($"Model project {given} does not build: {first}");
        }

        return lines.LastOrDefault(l => l.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            ?? throw new ModelLoadException($"Model project {given} built, but dotnet did not say where its assembly is.");
    }

    /// <summary>The dotnet that runs this tool (so the SDK is the one the user has), else the one on the path.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
