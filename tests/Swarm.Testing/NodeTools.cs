namespace Swarm.Testing;

/// <summary>Finds Node.js tools on PATH, failing with install instructions when they are missing.</summary>
public static class NodeTools
{
    /// <summary>The full path of <paramref name="tool"/> (<c>node</c> or <c>npm</c>) on PATH.</summary>
    /// <exception cref="InvalidOperationException">The tool is not on PATH.</exception>
    public static string Require(string tool)
    {
        var names = OperatingSystem.IsWindows() ? new[] { tool + ".cmd", tool + ".exe" } : new[] { tool };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"'{tool}' was not found on PATH. The storage tests run a real Azurite emulator, which needs Node.js 18 or later " +
            "with npm: install it from https://nodejs.org/ (or e.g. 'apt-get install nodejs npm'), then run 'dotnet test Functions.sln' again.");
    }
}
