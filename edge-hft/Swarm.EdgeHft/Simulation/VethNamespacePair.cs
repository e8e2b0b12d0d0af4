using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
using Swarm.EdgeHft.Xdp;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// Two network namespaces joined by a veth pair — a private wire for testing the feed: the receiver end (<c>rx0</c>,
/// 10.213.0.1) in one namespace, the sender end (<c>tx0</c>, 10.213.0.2) in the other. Nothing is added to the
/// caller's own namespace, so no traffic can leave the pair; disposing deletes both namespaces (and with them the pair).
/// </summary>
/// <remarks>
/// Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and the <c>ip</c> tool (iproute2). Code runs "in" a namespace on a
/// dedicated thread that has entered it with <c>setns(2)</c>; sockets and BPF objects created there belong to that
/// namespace for good, so they may then be used from any thread. Each end has one queue and a fixed MAC, and each
/// side has a permanent neighbour entry for the other, so no ARP is needed before the first datagram.
/// </remarks>
public sealed class VethNamespacePair : IDisposable
{
    /// <summary>The receiver end's interface name.</summary>
    public const string ReceiverInterface = "rx0";

    /// <summary>The sender end's interface name.</summary>
    public const string SenderInterface = "tx0";

    private const string ReceiverMac = "02:00:0a:d5:00:01";
    private const string SenderMac = "02:00:0a:d5:00:02";
    private bool _disposed;

    private VethNamespacePair(string prefix)
    {
        ReceiverNamespace = prefix + "-rx";
        SenderNamespace = prefix + "-tx";
    }

    /// <summary>The namespace holding <see cref="ReceiverInterface"/>.</summary>
    public string ReceiverNamespace { get; }

    /// <summary>The namespace holding <see cref="SenderInterface"/>.</summary>
    public string SenderNamespace { get; }

    /// <summary>The receiver end's address.</summary>
    public static IPAddress ReceiverAddress { get; } = IPAddress.Parse("10.213.0.1");

    /// <summary>The sender end's address.</summary>
    public static IPAddress SenderAddress { get; } = IPAddress.Parse("10.213.0.2");

    /// <summary>Creates the pair, or returns null with the reason it cannot be made here (not Linux, not root, no <c>ip</c>).</summary>
    public static VethNamespacePair? TryCreate(string prefix, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        reason = null;
        if (!OperatingSystem.IsLinux())
        {
            reason = "network namespaces are Linux only";
            return null;
        }

        if (Environment.UserName != "root")
        {
            reason = $"needs root to create network namespaces (running as {Environment.UserName})";
            return null;
        }

        var pair = new VethNamespacePair(prefix);
        try
        {
            pair.Ip($"netns add {pair.ReceiverNamespace}");
            pair.Ip($"netns add {pair.SenderNamespace}");
            pair.Ip($"link add {ReceiverInterface} netns {pair.ReceiverNamespace} numtxqueues 1 numrxqueues 1 address {ReceiverMac} type veth peer name {SenderInterface} netns {pair.SenderNamespace} numtxqueues 1 numrxqueues 1 address {SenderMac}");
            pair.Ip($"-n {pair.ReceiverNamespace} addr add {ReceiverAddress}/30 dev {ReceiverInterface}");
            pair.Ip($"-n {pair.SenderNamespace} addr add {SenderAddress}/30 dev {SenderInterface}");
            pair.Ip($"-n {pair.ReceiverNamespace} link set {ReceiverInterface} up");
            pair.Ip($"-n {pair.SenderNamespace} link set {SenderInterface} up");
            pair.Ip($"-n {pair.ReceiverNamespace} neigh replace {SenderAddress} lladdr {SenderMac} dev {ReceiverInterface} nud permanent");
            pair.Ip($"-n {pair.SenderNamespace} neigh replace {ReceiverAddress} lladdr {ReceiverMac} dev {SenderInterface} nud permanent");
            return pair;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            pair.Dispose();
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread inside the receiver's namespace and returns its result.</summary>
    public T InReceiver<T>(Func<T> action) => Run(ReceiverNamespace, action);

    /// <summary>Runs <paramref name="action"/> on a thread inside the sender's namespace and returns its result.</summary>
    public T InSender<T>(Func<T> action) => Run(SenderNamespace, action);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var name in new[] { ReceiverNamespace, SenderNamespace })
        {
            try
            {
                Ip($"netns del {name}");
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Not created (a failed start-up); nothing to remove.
            }
        }
    }

    private static T Run<T>(string name, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var fd = LinuxNative.Open($"/var/run/netns/{name}", LinuxNative.OpenReadOnly | LinuxNative.OpenCloseOnExec);
                if (fd < 0 || LinuxNative.SetNs(fd, LinuxNative.CloneNewNet) != 0)
                {
                    throw new InvalidOperationException(LinuxNative.Describe($"setns({name})", LinuxNative.LastError));
                }

                LinuxNative.Close(fd);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = "netns " + name };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private void Ip(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new InvalidOperationException($"ip {arguments}: timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments}: {error.Trim()}");
        }
    }
}
