using System.Net;
using System.Net.Sockets;

namespace Swarm.EdgeHft.Feed;

/// <summary>
/// Recovery hook that sends a MoldUDP64 request packet to the re-request server for each gap. Re-transmissions come
/// back as ordinary downstream packets (unicast) and must be fed to the same <see cref="MoldUdp64Receiver"/>.
/// </summary>
/// <remarks>
/// The request goes out from <paramref name="socket"/> — normally the feed socket itself — so the answer arrives on
/// the socket already being read. A request covers at most 65,534 messages; larger gaps are requested in part and the
/// rest is requested again when the first part has been filled (the remaining gap is detected again).
/// </remarks>
public sealed class MoldUdp64RetransmitRequester(Socket socket, EndPoint rerequestServer) : IMoldUdp64RecoveryHook
{
    private readonly byte[] _request = new byte[MoldUdp64.HeaderLength];

    /// <summary>Requests sent.</summary>
    public long RequestsSent { get; private set; }

    /// <summary>Gaps given up.</summary>
    public long GapsAbandoned { get; private set; }

    /// <inheritdoc />
    public bool OnGap(MoldSession session, ulong firstMissing, ulong count)
    {
        var n = (ushort)Math.Min(count, MoldUdp64.EndOfSessionCount - 1);
        MoldUdp64.WriteRequest(_request, session, firstMissing, n);
        try
        {
            socket.SendTo(_request, rerequestServer);
        }
        catch (SocketException)
        {
            // No re-request server reachable: skip the gap rather than stall the feed.
            return false;
        }

        RequestsSent++;
        return true;
    }

    /// <inheritdoc />
    public void OnGapAbandoned(MoldSession session, ulong firstMissing, ulong count) => GapsAbandoned++;
}
