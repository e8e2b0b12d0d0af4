using Swarm.EdgeHft.Risk;

namespace Swarm.EdgeHft.Trading;

/// <summary>Counters of the trading path (written by the trading thread, read by the metrics endpoint).</summary>
public sealed class PipelineStatistics
{
    private readonly long[] _rejects = new long[Enum.GetValues<RiskRejectReason>().Length];

    /// <summary>Market data messages processed.</summary>
    public long Messages { get; internal set; }

    /// <summary>Orders the strategy asked for.</summary>
    public long Intents { get; internal set; }

    /// <summary>Orders that passed risk and were sent.</summary>
    public long OrdersSent { get; internal set; }

    /// <summary>Orders accepted by the exchange.</summary>
    public long ExchangeAccepted { get; internal set; }

    /// <summary>Orders rejected by the exchange.</summary>
    public long ExchangeRejected { get; internal set; }

    /// <summary>Executions received.</summary>
    public long Executions { get; internal set; }

    /// <summary>Shares executed.</summary>
    public long SharesExecuted { get; internal set; }

    /// <summary>Cancel confirmations received.</summary>
    public long Cancels { get; internal set; }

    /// <summary>Orders refused by pre-trade risk, per reason.</summary>
    public long RiskRejects(RiskRejectReason reason) => _rejects[(int)reason];

    /// <summary>Orders refused by pre-trade risk, all reasons.</summary>
    public long RiskRejectsTotal => _rejects.Sum();

    internal void CountReject(RiskRejectReason reason) => _rejects[(int)reason]++;
}
