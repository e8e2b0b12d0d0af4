namespace Swarm.Testing;

/// <summary>Finds the repository root (the folder holding <c>Functions.sln</c>) from a test's output folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find Functions.sln above '{AppContext.BaseDirectory}'. Run the tests from a clone of the repository.");
    }
}
