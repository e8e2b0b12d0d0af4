using System.Diagnostics;
using System.Text;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Latency;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Strategy;

namespace Swarm.EdgeHft.Trading;

/// <summary>
/// The hot path, tick to trade: ITCH message → parser → order book → strategy → pre-trade risk → OUCH encoder →
/// gateway. Also consumes the exchange's answers to give back risk credit for what ends unfilled.
/// </summary>
/// <remarks>
/// Single-threaded and allocation-free after warm-up: every buffer, table and histogram is allocated up front.
/// Risk sees feed time (the ITCH timestamp) as its clock, so duplicate windows and throttles replay identically.
/// </remarks>
public sealed class TradingPipeline : IFeedMessageSink, IOuchEventSink
{
    private readonly TradingPipelineOptions _options;
    private readonly IStrategy _strategy;
    private readonly IRiskCheckEngine _risk;
    private readonly IOrderSink _orders;
    private readonly byte[] _ouch = new byte[OuchMessageLength.EnterOrder];
    private readonly byte[] _primeOuch = new byte[OuchMessageLength.EnterOrder];
    private int _sincePrime;
    private readonly Dictionary<ulong, LiveOrder> _live;
    private readonly uint _firm;
    private ulong _nextOrderId;

    /// <summary>Wires the pipeline.</summary>
    public TradingPipeline(TradingPipelineOptions options, IStrategy strategy, IRiskCheckEngine risk, IOrderSink orders, LatencyRecorder? latency = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _risk = risk ?? throw new ArgumentNullException(nameof(risk));
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        Latency = latency ?? new LatencyRecorder();
        Books = new BookBuilder(options.ExpectedBookOrders, options.InitialLevels);
        _live = new Dictionary<ulong, LiveOrder>(options.ExpectedLiveOrders);
        _firm = PackFirm(options.Firm);
        _nextOrderId = options.FirstOrderId;
    }

    /// <summary>The order books.</summary>
    public BookBuilder Books { get; }

    /// <summary>The ITCH parser (and its counters).</summary>
    public ItchParser Parser { get; } = new();

    /// <summary>Latency per stage.</summary>
    public LatencyRecorder Latency { get; }

    /// <summary>Counters.</summary>
    public PipelineStatistics Statistics { get; } = new();

    /// <summary>The risk engine in use.</summary>
    public IRiskCheckEngine Risk => _risk;

    /// <summary>Own orders still open at the exchange.</summary>
    public int LiveOrders => _live.Count;

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> message, ulong sequence) => Process(message, Stopwatch.GetTimestamp());

    /// <summary>Processes one ITCH message that arrived at <paramref name="arrivalTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Process(ReadOnlySpan<byte> message, long arrivalTicks)
    {
        Statistics.Messages++;
        if (Parser.Parse(message, Books) != ItchParseResult.Parsed)
        {
            return;
        }

        var parsed = Stopwatch.GetTimestamp();
        Latency.Record(LatencyStage.Feed, arrivalTicks, parsed);
        var book = Books.LastChanged;
        if (book is null)
        {
            return;
        }

        var wants = _strategy.OnBookUpdate(book, out var intent);
        var decided = Stopwatch.GetTimestamp();
        Latency.Record(LatencyStage.Strategy, parsed, decided);
        if (wants)
        {
            _sincePrime = 0;
            SendOrder(book, intent, arrivalTicks, decided);
        }
        else if (++_sincePrime == _options.PrimeEvery)
        {
            _sincePrime = 0;
            Prime(book);
        }
    }

    /// <inheritdoc />
    public void OnOuchEvent(in OuchEvent e)
    {
        switch (e.Type)
        {
            case OuchEventType.Accepted:
                Statistics.ExchangeAccepted++;
                break;
            case OuchEventType.Executed:
                Statistics.Executions++;
                Statistics.SharesExecuted += e.Shares;
                Reduce(e.Token, e.Shares, release: false);
                break;
            case OuchEventType.Canceled:
                Statistics.Cancels++;
                Reduce(e.Token, e.Shares, release: true);
                break;
            case OuchEventType.Rejected:
                Statistics.ExchangeRejected++;
                Reduce(e.Token, uint.MaxValue, release: true);
                break;
        }
    }

    private void SendOrder(OrderBook book, in OrderIntent intent, long arrivalTicks, long decided)
    {
        Statistics.Intents++;
        var id = _nextOrderId++;
        var request = new OrderRequest(_options.Account, id, book.Symbol, intent.Side, intent.Price, intent.Shares, book.ReferencePrice, book.LastUpdateTimestamp);
        var verdict = _risk.Check(request);
        var checkedAt = Stopwatch.GetTimestamp();
        Latency.Record(LatencyStage.Risk, decided, checkedAt);
        if (!verdict.IsAccepted)
        {
            Statistics.CountReject(verdict.Reason);
            return;
        }

        var n = OuchWriter.WriteEnterOrder(_ouch, new OuchEnterOrder(id, intent.Side, intent.Shares, book.Symbol, intent.Price, intent.TimeInForce, _firm));
        var encoded = Stopwatch.GetTimestamp();
        Latency.Record(LatencyStage.Encode, checkedAt, encoded);
        _orders.Send(_ouch.AsSpan(0, n));
        var sent = Stopwatch.GetTimestamp();
        Latency.Record(LatencyStage.Send, encoded, sent);
        Latency.Record(LatencyStage.TickToTrade, arrivalTicks, sent);
        Statistics.OrdersSent++;
        _live[id] = new LiveOrder(_options.Account, intent.Price, intent.Shares);
    }

    private void Prime(OrderBook book)
    {
        // Same data, same code as SendOrder up to the socket: nothing is recorded, nothing is sent.
        var bid = book.BestBid;
        var price = bid.IsEmpty ? book.ReferencePrice : bid.Price;
        var request = new OrderRequest(_options.Account, _nextOrderId, book.Symbol, Side.Buy, price, 1, book.ReferencePrice, book.LastUpdateTimestamp);
        _risk.Prime(request);
        OuchWriter.WriteEnterOrder(_primeOuch, new OuchEnterOrder(_nextOrderId, Side.Buy, 1, book.Symbol, price, OuchEnterOrder.ImmediateOrCancel, _firm));
    }

    private void Reduce(ulong id, uint shares, bool release)
    {
        if (!_live.TryGetValue(id, out var order))
        {
            return;
        }

        var done = Math.Min(shares, order.OpenShares);
        if (release)
        {
            _risk.Release(order.Account, (ulong)order.Price * done);
        }

        if (done == order.OpenShares)
        {
            _live.Remove(id);
        }
        else
        {
            _live[id] = order with { OpenShares = order.OpenShares - done };
        }
    }

    private static uint PackFirm(string firm)
    {
        if (firm.Length > 4 || !Ascii.IsValid(firm))
        {
            throw new ArgumentException($"firm '{firm}' must be at most 4 ASCII characters.", nameof(firm));
        }

        Span<byte> bytes = stackalloc byte[4];
        bytes.Fill((byte)' ');
        Encoding.ASCII.GetBytes(firm, bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
