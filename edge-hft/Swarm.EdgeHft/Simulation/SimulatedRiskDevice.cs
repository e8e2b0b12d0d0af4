using System.Buffers.Binary;
using System.Numerics;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Risk.Fpga;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// A behavioural model of the risk card: it speaks <see cref="RiskDeviceProtocol"/> and applies the 15c3-5 rules the
/// way the gateware does — every check evaluated in parallel into a failed-check bitmap, then a priority encoder
/// picks the lowest failing reason — with the card's fixed table sizes.
/// </summary>
/// <remarks>
/// It is written independently of <see cref="SoftwareRiskEngine"/> (parallel evaluation, content-addressed duplicate
/// memory, linear CAM for restricted symbols) so that the equivalence test between the two engines means something.
/// Single-threaded: one request at a time, as the card's command queue serialises them.
/// </remarks>
public sealed class SimulatedRiskDevice
{
    /// <summary>Accounts the card has credit registers for.</summary>
    public const int MaxAccounts = 1024;

    /// <summary>Entries of the restricted-symbol CAM.</summary>
    public const int MaxRestrictedSymbols = 4096;

    /// <summary>Entries of the duplicate memory.</summary>
    public const int DuplicateCapacity = 1 << 16;

    /// <summary>Deepest per-account rate ring.</summary>
    public const int MaxRateDepth = 4096;

    private readonly ulong[] _accountLimit = new ulong[MaxAccounts];
    private readonly ulong[] _accountExposure = new ulong[MaxAccounts];
    private readonly ulong[] _restricted = new ulong[MaxRestrictedSymbols];
    private readonly DuplicateMemoryEntry[] _duplicates = new DuplicateMemoryEntry[DuplicateCapacity];
    private readonly int[] _rateNext = new int[MaxAccounts];
    private long[] _rate = [];
    private int _accountCount;
    private int _restrictedCount;
    private int _duplicateNext;
    private int _duplicateValid;
    private ulong _maxShares;
    private ulong _maxNotional;
    private ulong _collarBps;
    private long _duplicateWindow;
    private int _duplicateMemory = 1;
    private int _maxOrdersPerWindow;
    private long _rateWindow;
    private ulong _firmLimit;
    private ulong _firmExposure;
    private bool _kill;

    /// <summary>Requests processed.</summary>
    public long Requests { get; private set; }

    /// <summary>Handles one request frame and writes the response frame.</summary>
    public void Process(ReadOnlySpan<byte> request, Span<byte> response)
    {
        Requests++;
        if (request.Length < RiskDeviceProtocol.RequestLength
            || BinaryPrimitives.ReadUInt16LittleEndian(request) != RiskDeviceProtocol.RequestMagic
            || request[2] != RiskDeviceProtocol.Version)
        {
            RiskDeviceProtocol.WriteResponse(response, RiskDeviceStatus.BadFrame, request.Length >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(request[4..]) : 0, RiskRejectReason.None, 0);
            return;
        }

        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(request[4..]);
        var account = BinaryPrimitives.ReadUInt16LittleEndian(request[8..]);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(request[40..]);
        var status = RiskDeviceStatus.Ok;
        var reason = RiskRejectReason.None;
        ushort failed = 0;
        switch ((RiskDeviceOpcode)request[3])
        {
            case RiskDeviceOpcode.CheckOrder:
                failed = Evaluate(request, out reason);
                break;
            case RiskDeviceOpcode.Release:
                if (account < _accountCount)
                {
                    var given = Math.Min(value, _accountExposure[account]);
                    _accountExposure[account] -= given;
                    _firmExposure -= Math.Min(given, _firmExposure);
                }

                break;
            case RiskDeviceOpcode.SetKillSwitch:
                _kill = value != 0;
                break;
            case RiskDeviceOpcode.SetLimit:
                status = SetLimit((RiskDeviceParameter)BinaryPrimitives.ReadUInt16LittleEndian(request[48..]), account, value);
                break;
            case RiskDeviceOpcode.AddRestrictedSymbol:
                if (_restrictedCount == MaxRestrictedSymbols)
                {
                    status = RiskDeviceStatus.CapacityExceeded;
                }
                else
                {
                    _restricted[_restrictedCount++] = BinaryPrimitives.ReadUInt64LittleEndian(request[24..]);
                }

                break;
            case RiskDeviceOpcode.Reset:
                Reset();
                break;
            default:
                status = RiskDeviceStatus.UnknownOpcode;
                break;
        }

        RiskDeviceProtocol.WriteResponse(response, status, sequence, reason, failed);
    }

    private ushort Evaluate(ReadOnlySpan<byte> r, out RiskRejectReason reason)
    {
        var account = BinaryPrimitives.ReadUInt16LittleEndian(r[8..]);
        var side = r[10];
        var price = BinaryPrimitives.ReadUInt32LittleEndian(r[12..]);
        var shares = BinaryPrimitives.ReadUInt32LittleEndian(r[16..]);
        var reference = BinaryPrimitives.ReadUInt32LittleEndian(r[20..]);
        var symbol = BinaryPrimitives.ReadUInt64LittleEndian(r[24..]);
        var timestamp = BinaryPrimitives.ReadInt64LittleEndian(r[32..]);
        var known = account < _accountCount;

        // Hardware indexes its register files with whatever address it has; an unknown account reads slot 0 and is refused by bit 2.
        var a = known ? account : 0;
        var notional = (ulong)price * shares;
        uint bits = 0;

        bits |= Bit(_kill, RiskRejectReason.KillSwitch);
        bits |= Bit(shares == 0 || price == 0 || !known, RiskRejectReason.InvalidOrder);
        var restricted = false;
        for (var i = 0; i < _restrictedCount; i++)
        {
            restricted |= _restricted[i] == symbol;
        }

        bits |= Bit(restricted, RiskRejectReason.RestrictedSymbol);
        bits |= Bit(shares > _maxShares, RiskRejectReason.MaxOrderSize);
        if (_collarBps != 0)
        {
            var distance = (ulong)(price > reference ? price - reference : reference - price);
            bits |= Bit(reference == 0, RiskRejectReason.NoReferencePrice);
            bits |= Bit(distance * 10_000 > reference * _collarBps, RiskRejectReason.PriceCollar);
        }

        bits |= Bit(notional > _maxNotional, RiskRejectReason.MaxNotional);
        if (_duplicateWindow > 0)
        {
            var duplicate = false;
            for (var i = 0; i < _duplicateValid; i++)
            {
                ref readonly var e = ref _duplicates[i];
                duplicate |= e.Account == account && e.Symbol == symbol && e.Side == side && e.Price == price && e.Shares == shares
                    && timestamp - e.Timestamp < _duplicateWindow;
            }

            bits |= Bit(duplicate, RiskRejectReason.DuplicateOrder);
        }

        if (_maxOrdersPerWindow > 0)
        {
            var oldest = _rate[(a * _maxOrdersPerWindow) + _rateNext[a]];
            bits |= Bit(oldest != long.MinValue && timestamp - oldest < _rateWindow, RiskRejectReason.OrderRateExceeded);
        }

        bits |= Bit(_accountExposure[a] + notional > _accountLimit[a], RiskRejectReason.AccountCreditLimit);
        bits |= Bit(_firmExposure + notional > _firmLimit, RiskRejectReason.FirmCreditLimit);

        reason = bits == 0 ? RiskRejectReason.None : (RiskRejectReason)BitOperations.TrailingZeroCount(bits);
        if (bits == 0)
        {
            _accountExposure[a] += notional;
            _firmExposure += notional;
            if (_duplicateWindow > 0)
            {
                _duplicates[_duplicateNext] = new DuplicateMemoryEntry(account, symbol, side, price, shares, timestamp);
                _duplicateNext = (_duplicateNext + 1) % _duplicateMemory;
                _duplicateValid = Math.Min(_duplicateValid + 1, _duplicateMemory);
            }

            if (_maxOrdersPerWindow > 0)
            {
                _rate[(a * _maxOrdersPerWindow) + _rateNext[a]] = timestamp;
                _rateNext[a] = (_rateNext[a] + 1) % _maxOrdersPerWindow;
            }
        }

        return (ushort)bits;
    }

    private static uint Bit(bool failed, RiskRejectReason reason) => failed ? 1u << (int)reason : 0;

    private RiskDeviceStatus SetLimit(RiskDeviceParameter parameter, ushort account, ulong value)
    {
        switch (parameter)
        {
            case RiskDeviceParameter.AccountCount when value is >= 1 and <= MaxAccounts:
                _accountCount = (int)value;
                ResizeRate();
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.MaxOrderShares:
                _maxShares = value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.MaxOrderNotional:
                _maxNotional = value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.PriceCollarBasisPoints when value <= 100_000:
                _collarBps = value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.DuplicateWindowNanos when value <= long.MaxValue:
                _duplicateWindow = (long)value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.DuplicateMemory when value is >= 1 and <= DuplicateCapacity:
                _duplicateMemory = (int)value;
                _duplicateNext = 0;
                _duplicateValid = 0;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.MaxOrdersPerWindow when value <= MaxRateDepth:
                _maxOrdersPerWindow = (int)value;
                ResizeRate();
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.RateWindowNanos when value <= long.MaxValue:
                _rateWindow = (long)value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.FirmCreditLimit:
                _firmLimit = value;
                return RiskDeviceStatus.Ok;
            case RiskDeviceParameter.AccountCreditLimit when account < _accountCount:
                _accountLimit[account] = value;
                return RiskDeviceStatus.Ok;
            default:
                return RiskDeviceStatus.BadParameter;
        }
    }

    private void ResizeRate()
    {
        _rate = new long[Math.Max(1, _accountCount * _maxOrdersPerWindow)];
        Array.Fill(_rate, long.MinValue);
        Array.Clear(_rateNext);
    }

    private void Reset()
    {
        Array.Clear(_accountLimit);
        Array.Clear(_accountExposure);
        Array.Clear(_restricted);
        _restrictedCount = 0;
        _duplicateNext = _duplicateValid = 0;
        _duplicateMemory = 1;
        _accountCount = 0;
        _maxOrdersPerWindow = 0;
        _maxShares = _maxNotional = _collarBps = _firmLimit = _firmExposure = 0;
        _duplicateWindow = _rateWindow = 0;
        _kill = false;
        ResizeRate();
    }
}
