namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>
/// Pre-trade risk on the FPGA card: loads the limits into the card at start-up, then sends each order as a
/// check-order frame and returns the card's verdict.
/// </summary>
/// <remarks>
/// Fails closed: a missing, late or malformed answer rejects the order with <see cref="RiskRejectReason.DeviceFault"/>.
/// The kill switch can be thrown from any thread: it takes effect locally at once (orders are refused without a
/// round trip) and is pushed to the card by the trading thread before its next request, so the card — which may sit
/// in the order path itself — blocks too.
/// </remarks>
public sealed class FpgaRiskEngine : IRiskCheckEngine
{
    private readonly IRiskDeviceTransport _transport;
    private readonly byte[] _request = new byte[RiskDeviceProtocol.RequestLength];
    private readonly byte[] _response = new byte[RiskDeviceProtocol.ResponseLength];
    private uint _sequence;
    private volatile bool _killRequested;
    private bool _killOnCard;

    /// <summary>Takes ownership of <paramref name="transport"/> and loads <paramref name="limits"/> into the card.</summary>
    /// <exception cref="RiskDeviceException">The card refused a setting or did not answer.</exception>
    public FpgaRiskEngine(IRiskDeviceTransport transport, RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = limits.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid risk limits: " + string.Join("; ", errors), nameof(limits));
        }

        _transport = transport;
        Configure(limits);
    }

    /// <inheritdoc />
    public string Name => "fpga";

    /// <inheritdoc />
    public bool KillSwitchEngaged => _killRequested;

    /// <summary>Requests that failed on the link or came back malformed (each rejected the order).</summary>
    public long DeviceFaults { get; private set; }

    /// <summary>The failed-check bitmap of the last check-order response (bit n = <see cref="RiskRejectReason"/> n).</summary>
    public ushort LastFailedChecks { get; private set; }

    /// <inheritdoc />
    public RiskVerdict Check(in OrderRequest order)
    {
        if (!SyncKillSwitch())
        {
            return new RiskVerdict(RiskRejectReason.DeviceFault);
        }

        if (_killOnCard)
        {
            return new RiskVerdict(RiskRejectReason.KillSwitch);
        }

        var sequence = ++_sequence;
        RiskDeviceProtocol.WriteCheck(_request, sequence, order);
        if (!TryExchange(sequence, out var status, out var reason, out var failed) || status != RiskDeviceStatus.Ok)
        {
            return new RiskVerdict(RiskRejectReason.DeviceFault);
        }

        LastFailedChecks = failed;
        return new RiskVerdict(reason);
    }

    /// <inheritdoc />
    public void Prime(in OrderRequest order) => RiskDeviceProtocol.WriteCheck(_request, _sequence, order);

    /// <inheritdoc />
    public void Release(ushort account, ulong notional)
    {
        var sequence = ++_sequence;
        RiskDeviceProtocol.WriteRequest(_request, RiskDeviceOpcode.Release, sequence, account, value: notional);
        TryExchange(sequence, out _, out _, out _);
    }

    /// <inheritdoc />
    public void SetKillSwitch(bool engaged) => _killRequested = engaged;

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    private bool SyncKillSwitch()
    {
        var wanted = _killRequested;
        if (wanted == _killOnCard)
        {
            return true;
        }

        var sequence = ++_sequence;
        RiskDeviceProtocol.WriteRequest(_request, RiskDeviceOpcode.SetKillSwitch, sequence, value: wanted ? 1UL : 0UL);
        if (TryExchange(sequence, out var status, out _, out _) && status == RiskDeviceStatus.Ok)
        {
            _killOnCard = wanted;
            return true;
        }

        // Engaging must never wait for the card: refuse locally even if the card did not confirm.
        _killOnCard |= wanted;
        return wanted;
    }

    private bool TryExchange(uint sequence, out RiskDeviceStatus status, out RiskRejectReason reason, out ushort failed)
    {
        try
        {
            _transport.Exchange(_request, _response);
        }
        catch (RiskDeviceException)
        {
            DeviceFaults++;
            status = RiskDeviceStatus.BadFrame;
            reason = RiskRejectReason.DeviceFault;
            failed = 0;
            return false;
        }

        if (!RiskDeviceProtocol.TryReadResponse(_response, out status, out var echoed, out reason, out failed) || echoed != sequence)
        {
            DeviceFaults++;
            return false;
        }

        return true;
    }

    private void Configure(RiskLimits limits)
    {
        Send(RiskDeviceOpcode.Reset);
        SetLimit(RiskDeviceParameter.AccountCount, (ulong)limits.AccountCreditLimits.Count);
        SetLimit(RiskDeviceParameter.MaxOrderShares, limits.MaxOrderShares);
        SetLimit(RiskDeviceParameter.MaxOrderNotional, limits.MaxOrderNotional);
        SetLimit(RiskDeviceParameter.PriceCollarBasisPoints, limits.PriceCollarBasisPoints);
        SetLimit(RiskDeviceParameter.DuplicateWindowNanos, (ulong)limits.DuplicateWindowNanos);
        SetLimit(RiskDeviceParameter.DuplicateMemory, (ulong)limits.DuplicateMemory);
        SetLimit(RiskDeviceParameter.MaxOrdersPerWindow, (ulong)limits.MaxOrdersPerWindow);
        SetLimit(RiskDeviceParameter.RateWindowNanos, (ulong)limits.RateWindowNanos);
        SetLimit(RiskDeviceParameter.FirmCreditLimit, limits.FirmCreditLimit);
        for (var a = 0; a < limits.AccountCreditLimits.Count; a++)
        {
            SetLimit(RiskDeviceParameter.AccountCreditLimit, limits.AccountCreditLimits[a], (ushort)a);
        }

        foreach (var symbol in limits.RestrictedSymbols)
        {
            var sequence = ++_sequence;
            RiskDeviceProtocol.WriteRequest(_request, RiskDeviceOpcode.AddRestrictedSymbol, sequence, symbol: symbol);
            Expect(sequence, $"restricted symbol {symbol}");
        }
    }

    private void Send(RiskDeviceOpcode opcode)
    {
        var sequence = ++_sequence;
        RiskDeviceProtocol.WriteRequest(_request, opcode, sequence);
        Expect(sequence, opcode.ToString());
    }

    private void SetLimit(RiskDeviceParameter parameter, ulong value, ushort account = 0)
    {
        var sequence = ++_sequence;
        RiskDeviceProtocol.WriteRequest(_request, RiskDeviceOpcode.SetLimit, sequence, account, value: value, parameter: (ushort)parameter);
        Expect(sequence, $"{parameter}={value}" + (parameter == RiskDeviceParameter.AccountCreditLimit ? $" (account {account})" : ""));
    }

    private void Expect(uint sequence, string what)
    {
        _transport.Exchange(_request, _response);
        if (!RiskDeviceProtocol.TryReadResponse(_response, out var status, out var echoed, out _, out _) || echoed != sequence)
        {
            throw new RiskDeviceException($"The risk card sent a malformed answer while setting {what}.");
        }

        if (status != RiskDeviceStatus.Ok)
        {
            throw new RiskDeviceException($"The risk card refused {what}: {status}.");
        }
    }
}
