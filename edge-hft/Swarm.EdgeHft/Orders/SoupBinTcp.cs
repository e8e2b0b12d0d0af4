using System.Buffers.Binary;
using System.Text;

namespace Swarm.EdgeHft.Orders;

/// <summary>
/// SoupBinTCP 3.00 framing: every packet is Packet Length (2, big-endian, counting the type byte and payload),
/// Packet Type (1), payload. Alpha fields are left-justified and space-padded; numeric fields are ASCII digits,
/// right-justified and space-padded.
/// </summary>
public static class SoupBinTcp
{
    /// <summary>Length prefix + type byte.</summary>
    public const int HeaderLength = 3;

    /// <summary>Largest payload (the length field counts the type byte too).</summary>
    public const int MaxPayloadLength = ushort.MaxValue - 1;

    /// <summary>Either side sends a heartbeat after this long without sending anything.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>A session is considered lost after this long without hearing anything.</summary>
    public static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Debug packet (either side).</summary>
    public const byte Debug = (byte)'+';

    /// <summary>Server: login accepted — Session Alpha(10), Sequence Number Numeric(20).</summary>
    public const byte LoginAccepted = (byte)'A';

    /// <summary>Server: login rejected — Reject Reason Code Alpha(1): A not authorized, S session not available.</summary>
    public const byte LoginRejected = (byte)'J';

    /// <summary>Server: sequenced data (one OUCH outbound message).</summary>
    public const byte SequencedData = (byte)'S';

    /// <summary>Server heartbeat.</summary>
    public const byte ServerHeartbeat = (byte)'H';

    /// <summary>Server: end of session.</summary>
    public const byte EndOfSession = (byte)'Z';

    /// <summary>Client: login request — Username Alpha(6), Password Alpha(10), Requested Session Alpha(10), Requested Sequence Number Numeric(20).</summary>
    public const byte LoginRequest = (byte)'L';

    /// <summary>Client: unsequenced data (one OUCH inbound message).</summary>
    public const byte UnsequencedData = (byte)'U';

    /// <summary>Client heartbeat.</summary>
    public const byte ClientHeartbeat = (byte)'R';

    /// <summary>Client: logout request.</summary>
    public const byte LogoutRequest = (byte)'O';

    /// <summary>Payload length of a login request.</summary>
    public const int LoginRequestPayloadLength = 46;

    /// <summary>Payload length of a login accepted packet.</summary>
    public const int LoginAcceptedPayloadLength = 30;

    /// <summary>Writes the 3-byte header of a packet whose payload of <paramref name="payloadLength"/> bytes follows.</summary>
    public static void WriteHeader(Span<byte> destination, byte type, int payloadLength)
    {
        if ((uint)payloadLength > MaxPayloadLength)
        {
            ThrowHelper.ThrowPayloadTooLarge(payloadLength);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(payloadLength + 1));
        destination[2] = type;
    }

    /// <summary>Writes a whole packet; returns its length.</summary>
    public static int WritePacket(Span<byte> destination, byte type, ReadOnlySpan<byte> payload)
    {
        WriteHeader(destination, type, payload.Length);
        payload.CopyTo(destination[HeaderLength..]);
        return HeaderLength + payload.Length;
    }

    /// <summary>Writes a login request packet; returns its length.</summary>
    public static int WriteLoginRequest(Span<byte> destination, string username, string password, string requestedSession, ulong requestedSequence)
    {
        WriteHeader(destination, LoginRequest, LoginRequestPayloadLength);
        var p = destination[HeaderLength..];
        WriteAlpha(p[..6], username);
        WriteAlpha(p[6..16], password);
        WriteAlpha(p[16..26], requestedSession);
        WriteNumeric(p[26..46], requestedSequence);
        return HeaderLength + LoginRequestPayloadLength;
    }

    /// <summary>Writes a login accepted packet; returns its length.</summary>
    public static int WriteLoginAccepted(Span<byte> destination, string session, ulong nextSequence)
    {
        WriteHeader(destination, LoginAccepted, LoginAcceptedPayloadLength);
        WriteAlpha(destination.Slice(HeaderLength, 10), session);
        WriteNumeric(destination.Slice(HeaderLength + 10, 20), nextSequence);
        return HeaderLength + LoginAcceptedPayloadLength;
    }

    /// <summary>Writes left-justified, space-padded ASCII.</summary>
    /// <exception cref="ArgumentException">The text is longer than the field or not ASCII.</exception>
    public static void WriteAlpha(Span<byte> field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > field.Length || !Ascii.IsValid(text))
        {
            throw new ArgumentException($"'{text}' does not fit an ASCII field of {field.Length} characters.", nameof(text));
        }

        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, field);
    }

    /// <summary>Writes right-justified, space-padded ASCII digits.</summary>
    public static void WriteNumeric(Span<byte> field, ulong value)
    {
        field.Fill((byte)' ');
        var i = field.Length - 1;
        do
        {
            field[i--] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value != 0 && i >= 0);
    }

    /// <summary>Reads a numeric field (spaces around the digits allowed); false when it holds anything else.</summary>
    public static bool TryReadNumeric(ReadOnlySpan<byte> field, out ulong value)
    {
        value = 0;
        var trimmed = field.Trim((byte)' ');
        if (trimmed.IsEmpty || trimmed.Length > 20)
        {
            return false;
        }

        ulong parsed = 0;
        foreach (var b in trimmed)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || parsed > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            parsed = (parsed * 10) + digit;
        }

        value = parsed;
        return true;
    }

    /// <summary>Reads an alpha field without its padding.</summary>
    public static string ReadAlpha(ReadOnlySpan<byte> field) => Encoding.ASCII.GetString(field).TrimEnd(' ');
}
