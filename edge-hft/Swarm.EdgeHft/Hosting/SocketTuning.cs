using System.Net.Sockets;

namespace Swarm.EdgeHft.Hosting;

/// <summary>Low-latency socket options.</summary>
public static class SocketTuning
{
    private const int SolSocket = 1;
    private const int SoBusyPoll = 46;

    /// <summary>
    /// Sets SO_BUSY_POLL (Linux): the kernel spins on the device queue for up to <paramref name="microseconds"/> in a
    /// blocking receive instead of sleeping until the interrupt. Returns false with the reason when it cannot be set
    /// (not Linux, or a value above <c>net.core.busy_read</c> without CAP_NET_ADMIN).
    /// </summary>
    public static bool TrySetBusyPoll(Socket socket, int microseconds, out string? error)
    {
        ArgumentNullException.ThrowIfNull(socket);
        error = null;
        if (microseconds <= 0)
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            error = "SO_BUSY_POLL is Linux only";
            return false;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoBusyPoll, BitConverter.GetBytes(microseconds));
            return true;
        }
        catch (SocketException e)
        {
            error = $"SO_BUSY_POLL={microseconds} refused: {e.SocketErrorCode} (needs CAP_NET_ADMIN above net.core.busy_read)";
            return false;
        }
    }

    /// <summary>Reads SO_BUSY_POLL back (Linux); -1 when unavailable.</summary>
    public static int GetBusyPoll(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        try
        {
            var value = new byte[4];
            socket.GetRawSocketOption(SolSocket, SoBusyPoll, value);
            return BitConverter.ToInt32(value);
        }
        catch (SocketException)
        {
            return -1;
        }
    }
}
