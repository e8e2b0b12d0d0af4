using Swarm.EdgeHft.Itch;

namespace Swarm.Bench;

/// <summary>Consumes decoded ITCH messages into a checksum, so parse-only timing cannot be optimised away.</summary>
internal sealed class EdgeNullItchHandler : IItchMessageHandler
{
    public ulong Checksum { get; private set; }

    public void OnSystemEvent(in SystemEventMessage message) => Checksum += message.EventCode;

    public void OnStockDirectory(in StockDirectoryMessage message) => Checksum += message.Stock.Value;

    public void OnAddOrder(in AddOrderMessage message) => Checksum += message.OrderReference + message.Price;

    public void OnOrderExecuted(in OrderExecutedMessage message) => Checksum += message.OrderReference + message.ExecutedShares;

    public void OnOrderCancel(in OrderCancelMessage message) => Checksum += message.CancelledShares;

    public void OnOrderDelete(in OrderDeleteMessage message) => Checksum += message.OrderReference;

    public void OnOrderReplace(in OrderReplaceMessage message) => Checksum += message.NewOrderReference;

    public void OnTrade(in TradeMessage message) => Checksum += message.MatchNumber;
}
