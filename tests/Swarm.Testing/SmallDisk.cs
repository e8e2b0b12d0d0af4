using System.Diagnostics;

namespace Swarm.Testing;

/// <summary>A small tmpfs mounted in a temp folder, so a test can fill the disk or make it read-only; unmounted on dispose.</summary>
/// <remarks>Mounting needs root. Without it the test fails and says so: a fault test that cannot run must not pass quietly.</remarks>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB.</summary>
    public static SmallDisk Mount(int megabytes)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail("This test needs root: it mounts a small tmpfs to fill the disk or make it read-only. Run the tests as root.");
        }

        var path = Directory.CreateTempSubdirectory("swarm-small-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a ballast file until the disk is full; returns it so it can be deleted to give the space back.</summary>
    public string Fill()
    {
        var ballast = System.IO.Path.Combine(Path, "ballast");
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full. Single bytes take whatever the chunks left over.
            try
            {
                while (true)
                {
                    stream.WriteByte(0);
                    stream.Flush();
                }
            }
            catch (IOException)
            {
                // Full to the last byte.
            }
        }

        return ballast;
    }

    /// <summary>Remounts the disk read-only.</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
        }
        finally
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
