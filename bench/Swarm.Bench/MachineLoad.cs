using System.Globalization;

namespace Swarm.Bench;

/// <summary>How busy the machine was, recorded beside wall-clock figures so they can be read in context on a shared machine.</summary>
internal static class MachineLoad
{
    /// <summary>The one-minute load average (runnable threads), or NaN where <c>/proc/loadavg</c> cannot be read.</summary>
    public static double OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
