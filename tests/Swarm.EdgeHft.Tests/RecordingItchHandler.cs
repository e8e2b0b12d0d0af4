using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

/// <summary>Keeps every decoded message, in order, as a boxed record for assertions.</summary>
internal sealed class RecordingItchHandler : IItchMessageHandler
{
    public List<object> Messages { get; } = [];

    public void OnSystemEvent(in SystemEventMessage message) => Messages.Add(message);

    public void OnStockDirectory(in StockDirectoryMessage message) => Messages.Add(message);

    public void OnAddOrder(in AddOrderMessage message) => Messages.Add(message);

    public void OnOrderExecuted(in OrderExecutedMessage message) => Messages.Add(message);

    public void OnOrderCancel(in OrderCancelMessage message) => Messages.Add(message);

    public void OnOrderDelete(in OrderDeleteMessage message) => Messages.Add(message);

    public void OnOrderReplace(in OrderReplaceMessage message) => Messages.Add(message);

    public void OnTrade(in TradeMessage message) => Messages.Add(message);
}
