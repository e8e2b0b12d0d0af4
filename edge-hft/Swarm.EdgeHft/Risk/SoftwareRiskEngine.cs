namespace Swarm.EdgeHft.Risk;

/// <summary>
/// The 15c3-5 checks in software: sequential checks in <see cref="RiskRejectReason"/> priority order, the first
/// failure wins. All state lives in arrays sized from the limits, so <see cref="Check"/> never allocates.
/// </summary>
public sealed class SoftwareRiskEngine : IRiskCheckEngine
{
    private readonly RiskLimits _limits;
    private readonly ulong[] _accountLimits;
    private readonly ulong[] _accountExposure;
    private readonly ulong[] _restricted;
    private readonly DuplicateWindow _recent;
    private readonly long[][] _rateRings;
    private readonly int[] _rateNext;
    private ulong _firmExposure;
    private int _primed;
    private volatile bool _killSwitch;

    /// <summary>Creates an engine enforcing <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentException">The limits are inconsistent (see <see cref="RiskLimits.Validate"/>).</exception>
    public SoftwareRiskEngine(RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = limits.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid risk limits: " + string.Join("; ", errors), nameof(limits));
        }

        _limits = limits;
        _accountLimits = [.. limits.AccountCreditLimits];
        _accountExposure = new ulong[_accountLimits.Length];
        _restricted = [.. limits.RestrictedSymbols.Select(s => s.Value).Order()];
        _recent = new DuplicateWindow(limits.DuplicateMemory);
        _rateRings = new long[_accountLimits.Length][];
        for (var i = 0; i < _rateRings.Length; i++)
        {
            _rateRings[i] = new long[Math.Max(1, limits.MaxOrdersPerWindow)];
            Array.Fill(_rateRings[i], long.MinValue);
        }

        _rateNext = new int[_accountLimits.Length];
    }

    /// <inheritdoc />
    public string Name => "software";

    /// <inheritdoc />
    public bool KillSwitchEngaged => _killSwitch;

    /// <summary>Credit in use by <paramref name="account"/>.</summary>
    public ulong AccountExposure(ushort account) => _accountExposure[account];

    /// <summary>Credit in use by the firm.</summary>
    public ulong FirmExposure => _firmExposure;

    /// <inheritdoc />
    public RiskVerdict Check(in OrderRequest order)
    {
        var reason = Evaluate(order);
        if (reason != RiskRejectReason.None)
        {
            return new RiskVerdict(reason);
        }

        var notional = order.Notional;
        _accountExposure[order.Account] += notional;
        _firmExposure += notional;
        if (_limits.DuplicateWindowNanos > 0)
        {
            _recent.Add(order);
        }

        if (_limits.MaxOrdersPerWindow > 0)
        {
            var ring = _rateRings[order.Account];
            ring[_rateNext[order.Account]] = order.Timestamp;
            _rateNext[order.Account] = (_rateNext[order.Account] + 1) % ring.Length;
        }

        return RiskVerdict.Accept;
    }

    /// <inheritdoc />
    public void Prime(in OrderRequest order) => _primed ^= (int)Evaluate(order);

    /// <inheritdoc />
    public void Release(ushort account, ulong notional)
    {
        if (account >= _accountExposure.Length)
        {
            return;
        }

        var a = Math.Min(notional, _accountExposure[account]);
        _accountExposure[account] -= a;
        _firmExposure -= Math.Min(a, _firmExposure);
    }

    /// <inheritdoc />
    public void SetKillSwitch(bool engaged) => _killSwitch = engaged;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private RiskRejectReason Evaluate(in OrderRequest order)
    {
        if (_killSwitch)
        {
            return RiskRejectReason.KillSwitch;
        }

        if (order.Shares == 0 || order.Price == 0 || order.Account >= _accountLimits.Length)
        {
            return RiskRejectReason.InvalidOrder;
        }

        if (_restricted.Length > 0 && Array.BinarySearch(_restricted, order.Symbol.Value) >= 0)
        {
            return RiskRejectReason.RestrictedSymbol;
        }

        if (order.Shares > _limits.MaxOrderShares)
        {
            return RiskRejectReason.MaxOrderSize;
        }

        if (_limits.PriceCollarBasisPoints > 0)
        {
            if (order.ReferencePrice == 0)
            {
                return RiskRejectReason.NoReferencePrice;
            }

            var distance = order.Price > order.ReferencePrice ? order.Price - order.ReferencePrice : order.ReferencePrice - order.Price;

            // distance / reference <= bps / 10000, kept in integers (both sides fit in 64 bits).
            if ((ulong)distance * 10_000 > (ulong)order.ReferencePrice * _limits.PriceCollarBasisPoints)
            {
                return RiskRejectReason.PriceCollar;
            }
        }

        var notional = order.Notional;
        if (notional > _limits.MaxOrderNotional)
        {
            return RiskRejectReason.MaxNotional;
        }

        if (_limits.DuplicateWindowNanos > 0 && _recent.ContainsWithin(order, _limits.DuplicateWindowNanos))
        {
            return RiskRejectReason.DuplicateOrder;
        }

        if (_limits.MaxOrdersPerWindow > 0)
        {
            // The ring holds the account's last N accepted timestamps; the slot about to be overwritten is the oldest.
            var oldest = _rateRings[order.Account][_rateNext[order.Account]];
            if (oldest != long.MinValue && order.Timestamp - oldest < _limits.RateWindowNanos)
            {
                return RiskRejectReason.OrderRateExceeded;
            }
        }

        if (_accountExposure[order.Account] + notional > _accountLimits[order.Account])
        {
            return RiskRejectReason.AccountCreditLimit;
        }

        if (_firmExposure + notional > _limits.FirmCreditLimit)
        {
            return RiskRejectReason.FirmCreditLimit;
        }

        return RiskRejectReason.None;
    }
}
