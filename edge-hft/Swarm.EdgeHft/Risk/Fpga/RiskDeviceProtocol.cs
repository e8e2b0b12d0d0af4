using System.Buffers.Binary;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>
/// The risk card's request/response protocol: fixed 64-byte requests and 16-byte responses, little-endian (the byte
/// order of PCIe BAR registers), one response per request, echoed sequence number.
/// </summary>
/// <remarks>
/// Request: 0 magic u16 0x4B52 ("RK"), 2 version u8 = 1, 3 opcode u8, 4 sequence u32, 8 account u16, 10 side u8,
/// 11 reserved, 12 price u32, 16 shares u32, 20 reference price u32, 24 symbol u64 (the 8 ASCII bytes read
/// big-endian), 32 timestamp i64 (ns), 40 value u64 (token, notional, limit value or switch state), 48 parameter
/// u16, 50..63 reserved (zero).
/// Response: 0 magic u16 0x5652 ("RV"), 2 version u8 = 1, 3 status u8, 4 sequence u32, 8 reason u8
/// (<see cref="RiskRejectReason"/>), 9 reserved, 10 failed-check bitmap u16 (bit n = reason n failed; the card
/// evaluates all checks in parallel and reports the lowest), 12..15 reserved.
/// </remarks>
public static class RiskDeviceProtocol
{
    /// <summary>Request frame length.</summary>
    public const int RequestLength = 64;

    /// <summary>Response frame length.</summary>
    public const int ResponseLength = 16;

    /// <summary>Request magic.</summary>
    public const ushort RequestMagic = 0x4B52;

    /// <summary>Response magic.</summary>
    public const ushort ResponseMagic = 0x5652;

    /// <summary>Protocol version.</summary>
    public const byte Version = 1;

    /// <summary>Writes a request frame (all 64 bytes, reserved bytes zeroed).</summary>
    public static void WriteRequest(
        Span<byte> d, RiskDeviceOpcode opcode, uint sequence, ushort account = 0, Side side = default, uint price = 0, uint shares = 0,
        uint referencePrice = 0, StockSymbol symbol = default, long timestamp = 0, ulong value = 0, ushort parameter = 0)
    {
        d[..RequestLength].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(d, RequestMagic);
        d[2] = Version;
        d[3] = (byte)opcode;
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(d[8..], account);
        d[10] = (byte)side;
        BinaryPrimitives.WriteUInt32LittleEndian(d[12..], price);
        BinaryPrimitives.WriteUInt32LittleEndian(d[16..], shares);
        BinaryPrimitives.WriteUInt32LittleEndian(d[20..], referencePrice);
        BinaryPrimitives.WriteUInt64LittleEndian(d[24..], symbol.Value);
        BinaryPrimitives.WriteInt64LittleEndian(d[32..], timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(d[40..], value);
        BinaryPrimitives.WriteUInt16LittleEndian(d[48..], parameter);
    }

    /// <summary>Writes a check-order request for <paramref name="order"/>.</summary>
    public static void WriteCheck(Span<byte> d, uint sequence, in OrderRequest order) =>
        WriteRequest(d, RiskDeviceOpcode.CheckOrder, sequence, order.Account, order.Side, order.Price, order.Shares, order.ReferencePrice, order.Symbol, order.Timestamp, order.Token);

    /// <summary>Writes a response frame.</summary>
    public static void WriteResponse(Span<byte> d, RiskDeviceStatus status, uint sequence, RiskRejectReason reason, ushort failedChecks)
    {
        d[..ResponseLength].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(d, ResponseMagic);
        d[2] = Version;
        d[3] = (byte)status;
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], sequence);
        d[8] = (byte)reason;
        BinaryPrimitives.WriteUInt16LittleEndian(d[10..], failedChecks);
    }

    /// <summary>Reads a response; false when the frame is not a valid response.</summary>
    public static bool TryReadResponse(ReadOnlySpan<byte> s, out RiskDeviceStatus status, out uint sequence, out RiskRejectReason reason, out ushort failedChecks)
    {
        status = RiskDeviceStatus.BadFrame;
        sequence = 0;
        reason = RiskRejectReason.DeviceFault;
        failedChecks = 0;
        if (s.Length < ResponseLength || BinaryPrimitives.ReadUInt16LittleEndian(s) != ResponseMagic || s[2] != Version)
        {
            return false;
        }

        status = (RiskDeviceStatus)s[3];
        sequence = BinaryPrimitives.ReadUInt32LittleEndian(s[4..]);
        reason = (RiskRejectReason)s[8];
        failedChecks = BinaryPrimitives.ReadUInt16LittleEndian(s[10..]);
        return true;
    }
}
