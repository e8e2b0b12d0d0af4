namespace Swarm.EdgeHft.Hosting;

/// <summary>Detects whether the process runs under a kernel-bypass socket library (OpenOnload, VMA, ExaSock).</summary>
/// <remarks>
/// Nothing in the code changes under bypass: the libraries intercept the BSD socket calls the runtime makes, so
/// the same binary runs with or without them. This only reports what is in effect, for the startup log and metrics.
/// </remarks>
public static class KernelBypass
{
    /// <summary>The preloaded bypass library, or null when the kernel stack is in use.</summary>
    public static string? Detect()
    {
        var preload = Environment.GetEnvironmentVariable("LD_PRELOAD");
        if (string.IsNullOrWhiteSpace(preload))
        {
            return null;
        }

        foreach (var library in preload.Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Path.GetFileName(library);
            if (name.Contains("onload", StringComparison.OrdinalIgnoreCase)
                || name.Contains("libvma", StringComparison.OrdinalIgnoreCase)
                || name.Contains("exasock", StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
