using System.Runtime.InteropServices;

namespace Swarm.EdgeHft.Tests;

/// <summary>
/// A fact that needs root, the <c>ip</c> tool and a kernel with AF_XDP (it builds network namespaces and a veth pair).
/// Where it cannot run it is reported as skipped with the reason — visible in the test run, never silent.
/// </summary>
public sealed class VethXdpFactAttribute : FactAttribute
{
    public VethXdpFactAttribute()
    {
        if (WhyNot() is { } reason)
        {
            Skip = "cannot run the AF_XDP veth test here: " + reason;
        }
    }

    private static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (Geteuid() != 0)
        {
            return "not root (needs CAP_SYS_ADMIN, CAP_NET_ADMIN and CAP_BPF to build namespaces and load XDP)";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        if (!path.Split(':').Append("/usr/sbin").Append("/sbin").Any(d => File.Exists(Path.Combine(d, "ip"))))
        {
            return "the 'ip' tool (iproute2) is not installed";
        }

        // AF_XDP = 44, SOCK_RAW = 3; the kernel refuses the family when CONFIG_XDP_SOCKETS is off.
        var fd = Socket(44, 3, 0);
        if (fd < 0)
        {
            return $"this kernel refuses AF_XDP sockets (errno {Marshal.GetLastPInvokeError()})";
        }

        Close(fd);
        return null;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint Geteuid();

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
