using System.Diagnostics;

namespace Swarm.Testing;

/// <summary>Debian's chromium, for browser tests: found on the PATH, else installed by <c>tools/chromium/install.sh</c> (apt-get).</summary>
public static class SystemChromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>The browser's executable, installing it first when it is missing.</summary>
    /// <exception cref="InvalidOperationException">It is missing and the install script could not install it; the message says why.</exception>
    public static string Require()
    {
        if (Find() is { } found)
        {
            return found;
        }

        var script = Path.Combine(RepositoryRoot.Path, "tools", "chromium", "install.sh");
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Find() ?? throw new InvalidOperationException(
            $"The browser tests need Debian's chromium, and '{script}' could not install it (exit code {process.ExitCode}):\n{output.Result}\n{error}");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}
