using System.Diagnostics;

namespace Swarm.Testing;

/// <summary>Installs the pinned Azurite with <c>npm ci --prefix tools/azurite</c> when it is missing.</summary>
internal static class AzuriteInstall
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    public static async Task EnsureAsync(string azuriteDir, string entryPoint)
    {
        if (File.Exists(entryPoint))
        {
            return;
        }

        // Test assemblies run in parallel processes: a lock file keeps two `npm ci` from
        // writing the same node_modules at once.
        await using var gate = await AcquireLockAsync(Path.Combine(azuriteDir, ".install.lock")).ConfigureAwait(false);
        if (File.Exists(entryPoint))
        {
            return;
        }

        var npm = NodeTools.Require("npm");
        var info = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ci", "--prefix", azuriteDir, "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(entryPoint))
        {
            throw new InvalidOperationException(
                $"'npm ci --prefix tools/azurite' failed with exit code {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }
}
