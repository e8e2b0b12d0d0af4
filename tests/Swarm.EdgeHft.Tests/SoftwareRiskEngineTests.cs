using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Risk;

namespace Swarm.EdgeHft.Tests;

public sealed class SoftwareRiskEngineTests
{
    private static readonly StockSymbol Aapl = StockSymbol.Parse("AAPL");

    /// <summary>Limits loose everywhere except where a test tightens one.</summary>
    internal static RiskLimits Loose => new()
    {
        MaxOrderShares = 1_000_000,
        MaxOrderNotional = ulong.MaxValue / 4,
        PriceCollarBasisPoints = 0,
        DuplicateWindowNanos = 0,
        MaxOrdersPerWindow = 0,
        FirmCreditLimit = ulong.MaxValue / 4,
        AccountCreditLimits = [ulong.MaxValue / 4, ulong.MaxValue / 4],
    };

    private static OrderRequest Order(uint price = 1_000_000, uint shares = 100, long ts = 0, ushort account = 0, uint reference = 1_000_000, Side side = Side.Buy, StockSymbol? symbol = null, ulong token = 1) =>
        new(account, token, symbol ?? Aapl, side, price, shares, reference, ts);

    private static RiskRejectReason Check(RiskLimits limits, in OrderRequest order) => new SoftwareRiskEngine(limits).Check(order).Reason;

    [Theory]
    [InlineData(500u, RiskRejectReason.None)]
    [InlineData(501u, RiskRejectReason.MaxOrderSize)]
    public void Check_MaxOrderSize_Boundary(uint shares, RiskRejectReason expected) =>
        Assert.Equal(expected, Check(Loose with { MaxOrderShares = 500 }, Order(shares: shares)));

    [Theory]
    [InlineData(100u, 1_000_000u, RiskRejectReason.None)]
    [InlineData(100u, 1_000_001u, RiskRejectReason.MaxNotional)]
    public void Check_MaxNotional_Boundary(uint shares, uint price, RiskRejectReason expected) =>
        Assert.Equal(expected, Check(Loose with { MaxOrderNotional = 100_000_000 }, Order(price: price, shares: shares, reference: price)));

    [Theory]
    [InlineData(1_050_000u, RiskRejectReason.None)] // +5.00% exactly
    [InlineData(1_050_001u, RiskRejectReason.PriceCollar)]
    [InlineData(950_000u, RiskRejectReason.None)] // -5.00% exactly
    [InlineData(949_999u, RiskRejectReason.PriceCollar)]
    public void Check_PriceCollar_Boundary(uint price, RiskRejectReason expected) =>
        Assert.Equal(expected, Check(Loose with { PriceCollarBasisPoints = 500 }, Order(price: price, reference: 1_000_000)));

    [Fact]
    public void Check_CollarWithoutReferencePrice_Rejects() =>
        Assert.Equal(RiskRejectReason.NoReferencePrice, Check(Loose with { PriceCollarBasisPoints = 500 }, Order(reference: 0)));

    [Fact]
    public void Check_RestrictedSymbol_RejectsOnlyThatSymbol()
    {
        var engine = new SoftwareRiskEngine(Loose with { RestrictedSymbols = [StockSymbol.Parse("MSFT"), StockSymbol.Parse("ZZZ")] });

        Assert.Equal(RiskRejectReason.RestrictedSymbol, engine.Check(Order(symbol: StockSymbol.Parse("MSFT"))).Reason);
        Assert.True(engine.Check(Order(symbol: StockSymbol.Parse("MSFX"))).IsAccepted);
    }

    [Theory]
    [InlineData(0u, 100u, (ushort)0)]
    [InlineData(1_000_000u, 0u, (ushort)0)]
    [InlineData(1_000_000u, 100u, (ushort)2)]
    public void Check_InvalidOrder_Rejects(uint price, uint shares, ushort account) =>
        Assert.Equal(RiskRejectReason.InvalidOrder, Check(Loose, Order(price: price, shares: shares, account: account, reference: 1_000_000)));

    [Fact]
    public void Check_DuplicateInsideWindow_RejectsAndAtWindowEndAccepts()
    {
        var engine = new SoftwareRiskEngine(Loose with { DuplicateWindowNanos = 1_000 });

        Assert.True(engine.Check(Order(ts: 10_000)).IsAccepted);
        Assert.Equal(RiskRejectReason.DuplicateOrder, engine.Check(Order(ts: 10_999, token: 2)).Reason);
        Assert.True(engine.Check(Order(ts: 10_500, shares: 101, token: 3)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 10_500, side: Side.Sell, token: 4)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 10_500, account: 1, token: 5)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 11_000, token: 6)).IsAccepted);
    }

    [Fact]
    public void Check_RateThrottle_NthOrderInWindowAcceptedNextRejectedThenSlides()
    {
        var engine = new SoftwareRiskEngine(Loose with { MaxOrdersPerWindow = 3, RateWindowNanos = 1_000 });

        Assert.True(engine.Check(Order(ts: 0, shares: 1)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 100, shares: 2)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 200, shares: 3)).IsAccepted);
        Assert.Equal(RiskRejectReason.OrderRateExceeded, engine.Check(Order(ts: 999, shares: 4)).Reason);
        Assert.True(engine.Check(Order(ts: 999, shares: 5, account: 1)).IsAccepted);
        Assert.True(engine.Check(Order(ts: 1_000, shares: 6)).IsAccepted);
        Assert.Equal(RiskRejectReason.OrderRateExceeded, engine.Check(Order(ts: 1_099, shares: 7)).Reason);
    }

    [Fact]
    public void Check_AccountCredit_ExactlyAtLimitAcceptedThenRejectedUntilReleased()
    {
        var engine = new SoftwareRiskEngine(Loose with { AccountCreditLimits = [200_000_000, ulong.MaxValue / 4] });

        Assert.True(engine.Check(Order(shares: 100)).IsAccepted);
        Assert.True(engine.Check(Order(shares: 100, ts: 1)).IsAccepted);
        Assert.Equal(200_000_000ul, engine.AccountExposure(0));
        Assert.Equal(RiskRejectReason.AccountCreditLimit, engine.Check(Order(shares: 1, ts: 2)).Reason);
        Assert.True(engine.Check(Order(shares: 1, ts: 2, account: 1)).IsAccepted);

        engine.Release(0, 1_000_000);
        Assert.True(engine.Check(Order(shares: 1, ts: 3)).IsAccepted);
        Assert.Equal(RiskRejectReason.AccountCreditLimit, engine.Check(Order(shares: 1, ts: 4, price: 1_000_001)).Reason);
    }

    [Fact]
    public void Check_FirmCredit_AggregatesAccounts()
    {
        var engine = new SoftwareRiskEngine(Loose with { FirmCreditLimit = 150_000_000 });

        Assert.True(engine.Check(Order(shares: 100, account: 0)).IsAccepted);
        Assert.True(engine.Check(Order(shares: 50, account: 1)).IsAccepted);
        Assert.Equal(RiskRejectReason.FirmCreditLimit, engine.Check(Order(shares: 1, account: 1, ts: 1)).Reason);
        Assert.Equal(150_000_000ul, engine.FirmExposure);
    }

    [Fact]
    public void Check_KillSwitch_RejectsEverythingUntilReleased()
    {
        var engine = new SoftwareRiskEngine(Loose);
        engine.SetKillSwitch(true);

        Assert.Equal(RiskRejectReason.KillSwitch, engine.Check(Order(shares: 0)).Reason);
        engine.SetKillSwitch(false);
        Assert.True(engine.Check(Order()).IsAccepted);
    }

    [Fact]
    public void Check_Rejected_ConsumesNoCreditAndIsNotRemembered()
    {
        var engine = new SoftwareRiskEngine(Loose with { MaxOrderShares = 100, DuplicateWindowNanos = 1_000, MaxOrdersPerWindow = 1, RateWindowNanos = 1_000 });

        Assert.Equal(RiskRejectReason.MaxOrderSize, engine.Check(Order(shares: 101)).Reason);
        Assert.Equal(0ul, engine.FirmExposure);
        Assert.True(engine.Check(Order(shares: 100)).IsAccepted);
    }

    [Fact]
    public void Prime_RecordsNothing()
    {
        var engine = new SoftwareRiskEngine(Loose with { DuplicateWindowNanos = 1_000, MaxOrdersPerWindow = 1, RateWindowNanos = 1_000 });

        engine.Prime(Order());
        engine.Prime(Order());

        Assert.Equal(0ul, engine.FirmExposure);
        Assert.True(engine.Check(Order()).IsAccepted);
        Assert.Equal(RiskRejectReason.DuplicateOrder, engine.Check(Order(ts: 1)).Reason);
    }

    [Fact]
    public void Check_SeveralFailures_ReportsHighestPriority() =>
        Assert.Equal(
            RiskRejectReason.RestrictedSymbol,
            Check(Loose with { MaxOrderShares = 1, RestrictedSymbols = [Aapl], PriceCollarBasisPoints = 1 }, Order(shares: 5, price: 2_000_000)));

    [Fact]
    public void Constructor_InvalidLimits_ThrowsWithEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new SoftwareRiskEngine(Loose with { AccountCreditLimits = [], MaxOrderShares = 0 }));

        Assert.Contains("account credit limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxOrderShares", error.Message, StringComparison.Ordinal);
    }
}
